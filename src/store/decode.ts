/**
 * Stored JSON is decoded through its schema, never cast: `decodeStored` parses a column's text and
 * checks it against a TypeBox schema (without converting it: the value answered is the parsed one),
 * and throws a `StoredValueError` naming the column when the stored value is not what it should be —
 * a damaged or hand-edited database gives that error, never a wrong object further on.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { HomomorphicQuestion, Question } from '../contract/election.js';

/** A stored value that is not valid JSON, or not of its column's schema. */
export class StoredValueError extends Error {
  constructor(
    readonly column: string,
    readonly problem: string,
  ) {
    super(`store: the stored value of ${column} is not valid: ${problem}`);
    this.name = 'StoredValueError';
  }
}

/** Parses `text`, the value of `column` (e.g. "elections.questions_json"), and checks it against `schema`. */
export function decodeStored<S extends TSchema>(schema: S, column: string, text: string): Static<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredValueError(column, 'not JSON');
  }
  if (!Value.Check(schema, value)) {
    const first = Value.Errors(schema, value).First();
    throw new StoredValueError(
      column,
      first === undefined ? 'not of its schema' : `${first.path || '/'}: ${first.message}`,
    );
  }
  return value;
}

// Schemas of the JSON columns the store's own tables hold.

/** An audit entry's details (audit_log.details_json). */
export const AuditDetailsSchema = Type.Record(Type.String(), Type.Unknown());

/** The questions as stored in elections.questions_json: the contract's shapes (protocol/messages.ts decodes them fully). */
export const QuestionsSchema = Type.Array(Question);
/** The flat (homomorphic) shape alone, for the domain layers, which read the contract through the store. */
export const HomomorphicQuestionSchema = HomomorphicQuestion;

/** A computed result as stored in elections.result_json: the Belenios result is its `result` field. */
export const ResultSchema = Type.Object({ result: Type.Array(Type.Unknown()) });

/** An election's questions (elections.questions_json). */
export function storedQuestions(row: { questionsJson: string }): Static<typeof QuestionsSchema> {
  return decodeStored(QuestionsSchema, 'elections.questions_json', row.questionsJson);
}

/** An election's computed result, the `result` field of elections.result_json. */
export function storedResult(resultJson: string): unknown[] {
  return decodeStored(ResultSchema, 'elections.result_json', resultJson).result;
}
