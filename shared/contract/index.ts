/**
 * The contract between the UI and the backend: every method, keyed `'domain.verb'`, with the zod
 * schema of its input and of its output. Both transports (Electron IPC, HTTP on 127.0.0.1) and the
 * CLI carry exactly these payloads: JSON-safe values only (ISO date strings, integer cents).
 *
 * Each domain declares its methods in its own module; they are merged here, and a method declared
 * by two domains is an error when this module loads.
 */
import type { z } from 'zod';
import type { MethodSchemas } from './common';
import { agendaContract } from './agenda';
import { closingContract } from './closing';
import { complianceContract } from './compliance';
import { deadlinesContract } from './deadlines';
import { documentsContract } from './documents';
import { decisionsContract } from './decisions';
import { dossiersContract } from './dossiers';
import { entryContract } from './entry';
import { exportsContract } from './exports';
import { meetingContract } from './meeting';
import { membersContract } from './members';
import { notesContract } from './notes';
import { operatorsContract } from './operators';
import { preparationContract } from './preparation';
import { reviewContract } from './review';
import { searchContract } from './search';
import { sessionsContract } from './sessions';
import { viewsContract } from './views';
import { workspaceContract } from './workspace';

export * from './agenda';
export * from './common';
export * from './closing';
export * from './compliance';
export * from './deadlines';
export * from './documents';
export * from './decisions';
export * from './dossiers';
export * from './entry';
export * from './exports';
export * from './meeting';
export * from './members';
export * from './notes';
export * from './operators';
export * from './preparation';
export * from './review';
export * from './search';
export * from './sessions';
export * from './views';
export * from './workspace';

type Part = Record<string, MethodSchemas>;
type Merge<Parts extends readonly Part[]> = Parts extends readonly [infer Head, ...infer Rest extends readonly Part[]]
  ? Head & Merge<Rest>
  : unknown;

function mergeContracts<const Parts extends readonly Part[]>(...parts: Parts): Merge<Parts> {
  const merged: Part = {};
  for (const part of parts) {
    for (const [name, schemas] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`Contract method '${name}' declared twice`);
      merged[name] = schemas;
    }
  }
  return merged as Merge<Parts>;
}

/** Every method: its input and output schemas. Add a domain's contract to this list. */
export const contract = mergeContracts(workspaceContract, dossiersContract, operatorsContract, entryContract, documentsContract, notesContract, reviewContract, searchContract, viewsContract, complianceContract, deadlinesContract, membersContract, agendaContract, sessionsContract, meetingContract, preparationContract, closingContract, decisionsContract, exportsContract);

export type Contract = typeof contract;
export type Method = keyof Contract & string;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export { mergeContracts };
