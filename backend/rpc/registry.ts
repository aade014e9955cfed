/**
 * One dispatcher for every transport: it checks the method exists, validates the input against
 * the contract, runs the handler, checks the output, and always answers with an envelope.
 */
import { z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput, type MethodParsedInput } from '../../shared/contract';
import type { Envelope, IssueDetail } from '../../shared/envelope';
import { AppError } from '../errors';

// Schema messages reach the user: French.
z.config(z.locales.fr());

export type Handler<M extends Method, Ctx> = (
  ctx: Ctx,
  input: MethodParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type DomainHandlers<Ctx> = { [M in Method]?: Handler<M, Ctx> };

export interface Dispatcher {
  dispatch(method: unknown, input: unknown): Promise<Envelope<unknown>>;
  readonly methods: readonly Method[];
}

/**
 * Registers the handlers of every domain. A method registered twice, a handler for a method the
 * contract does not know, or a contract method left without handler fails here, at start-up.
 */
export function createDispatcher<Ctx>(
  ctx: Ctx,
  domains: Record<string, DomainHandlers<Ctx>>,
  options: { requireAll?: boolean; log?: (error: unknown) => void } = {},
): Dispatcher {
  const table = new Map<Method, { domain: string; handler: Handler<Method, Ctx> }>();
  for (const [domain, handlers] of Object.entries(domains)) {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!isMethod(name)) throw new Error(`Handler for unknown method '${name}' in domain '${domain}'`);
      const existing = table.get(name);
      if (existing) throw new Error(`Method '${name}' registered twice (domains '${existing.domain}' and '${domain}')`);
      table.set(name, { domain, handler: handler as Handler<Method, Ctx> });
    }
  }
  if (options.requireAll !== false) {
    const missing = (Object.keys(contract) as Method[]).filter((m) => !table.has(m));
    if (missing.length > 0) throw new Error(`Methods without handler: ${missing.join(', ')}`);
  }
  const log = options.log ?? ((error: unknown) => console.error(error));

  return {
    methods: [...table.keys()],
    async dispatch(method, input) {
      if (!isMethod(method) || !table.has(method)) {
        return fail('UNKNOWN_METHOD', `Méthode inconnue : ${String(method).slice(0, 80)}.`);
      }
      const schema = contract[method];
      const parsed = (schema.input as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) {
        return fail('BAD_INPUT', 'Les données envoyées sont invalides.', toIssues(parsed.error));
      }
      try {
        const result = await table.get(method)!.handler(ctx, parsed.data as never);
        const checked = (schema.output as z.ZodType).safeParse(result);
        if (!checked.success) {
          log(new Error(`Output of ${method} breaks the contract: ${checked.error.message}`));
          return fail('INTERNAL', 'Erreur interne : la réponse ne respecte pas le contrat.');
        }
        return { ok: true, data: checked.data };
      } catch (error) {
        if (error instanceof AppError) {
          return { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
        }
        log(error);
        return fail('INTERNAL', 'Erreur interne inattendue. L’opération n’a pas été enregistrée.');
      }
    },
  };
}

function fail(code: AppError['code'], message: string, issues?: IssueDetail[]): Envelope<never> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

export function toIssues(error: z.ZodError): IssueDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
