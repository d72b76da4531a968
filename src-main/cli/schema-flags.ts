/**
 * A flag's kind, bounds and choices read from the zod schema of the field it sets, so that the CLI checks a
 * value against the very limits the store, the worker and the API check it against, and `help` shows them.
 */
import { z } from 'zod';
import type { FlagSpec } from './args';

interface JsonSchemaNumber {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  enum?: string[];
  items?: JsonSchemaNumber;
}

/**
 * The flag spec of a field whose schema is a number, a whole number, a list of whole numbers, an enum or a
 * boolean. `choices` narrows an enum (a value the schema takes that this flag does not offer).
 */
export function flagSpecFromSchema(schema: z.ZodType, help: string, choices?: readonly string[]): FlagSpec {
  const json = z.toJSONSchema(schema) as JsonSchemaNumber;
  const bounds = (s: JsonSchemaNumber) => ({
    ...(s.minimum !== undefined ? { min: s.minimum } : {}),
    ...(s.exclusiveMinimum !== undefined ? { min: s.exclusiveMinimum, exclusiveMin: true } : {}),
    ...(s.maximum !== undefined ? { max: s.maximum } : {}),
    ...(s.exclusiveMaximum !== undefined ? { max: s.exclusiveMaximum, exclusiveMax: true } : {}),
  });
  switch (json.type) {
    case 'integer':
      return { kind: 'integer', ...bounds(json), help };
    case 'number':
      return { kind: 'number', ...bounds(json), help };
    case 'boolean':
      return { kind: 'boolean', help };
    case 'array':
      if (json.items?.type === 'integer') return { kind: 'integer-list', ...bounds(json.items), help };
      break;
    case 'string':
      if (json.enum) return { kind: 'string', choices: choices ?? json.enum, help };
      return { kind: 'string', help };
  }
  throw new Error(`no flag kind for the schema ${JSON.stringify(json)}`);
}
