/**
 * A Fastify validator compiler that checks request parts against their TypeBox schema exactly, with
 * TypeBox's own compiler. Fastify's default Ajv set-up coerces types (`42` becomes `"42"`) and
 * silently drops properties that `additionalProperties: false` forbids; at the boundary of a voting
 * server a malformed request should be refused, not repaired. Errors name the path and the rule,
 * never the offending value (it may be a password).
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

export const strictValidator: FastifySchemaCompiler<FastifySchema> = ({ schema }) => {
  // Fastify's typings name the route's whole schema, but the compiler receives one part of it.
  const check = TypeCompiler.Compile(schema as TSchema);
  return (value: unknown) => {
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    // Shaped like Ajv's errors, so Fastify marks the error as a validation error (400).
    return { error: [{ instancePath: first?.path ?? '', message: first?.message ?? 'is invalid' }] as never };
  };
};
