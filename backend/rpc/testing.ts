/** Calling a dispatcher from a test: the data of an accepted call, or the error of a refused one (else the test fails). */
import type { RpcError } from '../../shared/envelope';
import type { Dispatcher } from './registry';

/** The data of a call that must be accepted. */
export async function accepted<T>(backend: Dispatcher, method: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

/** The error of a call that must be refused. */
export async function refusal(backend: Dispatcher, method: string, input: unknown): Promise<RpcError> {
  const result = await backend.dispatch(method, input);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}
