import type { ErrorCode, IssueDetail } from '../shared/envelope';

/** An error meant for the user: its message is French and is shown as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} introuvable.`);
