import { z } from 'zod';

/** A row id: a positive integer. */
export const Id = z.number().int().positive();

/** One method of the contract: the schemas of its input and of its output. */
export interface MethodSchemas {
  input: z.ZodType;
  output: z.ZodType;
}
