/** The result of every call between UI and backend, whatever the transport. */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'NO_WORKSPACE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  /** In a member's workspace: a dossier or operator not shown because of a declared conflict of interest. */
  'HIDDEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IssueDetail {
  /** Dotted path of the offending field, `''` for the whole input. */
  path: string;
  message: string;
}

export interface RpcError {
  code: ErrorCode;
  /** French, for the user. */
  message: string;
  issues?: IssueDetail[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: RpcError };
