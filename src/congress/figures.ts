/**
 * The figures of one ballot box, whatever its channel: registered voters and their weight, ballots
 * counted and the weight cast, and per question the weighted count of every slot in Belenios result
 * order (the blank slot first when the question allows blank votes). A consolidated result is the
 * slot-by-slot sum of the boxes' figures; weights are respected because Belenios counts are already
 * weighted (each count is the sum of the weights of the ballots that ticked the slot).
 *
 * Pure and isomorphic: the server, the CLI and the bench add boxes with the same code.
 */
import type { HomomorphicQuestion } from '../protocol/messages.js';

export interface BoxFigures {
  readonly registeredVoters: number;
  readonly registeredWeight: bigint;
  readonly ballotsCounted: number;
  readonly weightCast: bigint;
  /** Per question, per slot in result order (blank first when allowed): weighted counts. */
  readonly counts: readonly (readonly bigint[])[];
}

export const slotsOf = (question: HomomorphicQuestion) => question.answers.length + (question.blank ? 1 : 0);

/**
 * What makes figures impossible for these questions: wrong shape, negative numbers, more cast than
 * registered, a slot counted more than the weight cast, or (for questions with one choice) slots
 * adding up to more than the weight cast. Undefined when they are consistent.
 */
export function figuresProblem(
  questions: readonly HomomorphicQuestion[],
  figures: BoxFigures,
): string | undefined {
  const { registeredVoters, registeredWeight, ballotsCounted, weightCast, counts } = figures;
  if (!Number.isSafeInteger(registeredVoters) || registeredVoters < 0)
    return 'registered voters must be a whole number';
  if (!Number.isSafeInteger(ballotsCounted) || ballotsCounted < 0)
    return 'ballots counted must be a whole number';
  if (registeredWeight < BigInt(registeredVoters))
    return 'the registered weight cannot be less than the number of registered voters';
  if (ballotsCounted > registeredVoters) return 'more ballots counted than registered voters';
  if (weightCast < BigInt(ballotsCounted)) return 'the weight cast cannot be less than the ballots counted';
  if (weightCast > registeredWeight) return 'more weight cast than registered';
  if (counts.length !== questions.length)
    return `expected counts for ${questions.length} questions, got ${counts.length}`;
  for (const [i, question] of questions.entries()) {
    const row = counts[i]!;
    if (row.length !== slotsOf(question))
      return `question ${i + 1}: expected ${slotsOf(question)} counts (blank first when allowed), got ${row.length}`;
    if (row.some((c) => c < 0n || c > weightCast))
      return `question ${i + 1}: every count must be between 0 and the weight cast`;
    // With at most one choice (and the blank slot), every ballot ticks at most one slot.
    if (question.max <= 1 && row.reduce((a, b) => a + b, 0n) > weightCast)
      return `question ${i + 1}: the counts add up to more than the weight cast`;
  }
  return undefined;
}

/** The slot-by-slot sum of boxes on the same questions (zero figures for no box). */
export function sumFigures(
  questions: readonly HomomorphicQuestion[],
  boxes: readonly BoxFigures[],
): BoxFigures {
  const counts = questions.map((q) => Array.from({ length: slotsOf(q) }, () => 0n));
  let registeredVoters = 0;
  let registeredWeight = 0n;
  let ballotsCounted = 0;
  let weightCast = 0n;
  for (const box of boxes) {
    registeredVoters += box.registeredVoters;
    registeredWeight += box.registeredWeight;
    ballotsCounted += box.ballotsCounted;
    weightCast += box.weightCast;
    for (const [i, row] of box.counts.entries())
      for (const [j, count] of row.entries()) counts[i]![j]! += count;
  }
  return { registeredVoters, registeredWeight, ballotsCounted, weightCast, counts };
}

/** Figures as JSON (decimal strings for weights and counts: they may exceed 2^53). */
export interface FiguresJson {
  readonly registeredVoters: number;
  readonly registeredWeight: string;
  readonly ballotsCounted: number;
  readonly weightCast: string;
  readonly counts: readonly (readonly string[])[];
}

export const figuresToJson = (f: BoxFigures): FiguresJson => ({
  registeredVoters: f.registeredVoters,
  registeredWeight: f.registeredWeight.toString(),
  ballotsCounted: f.ballotsCounted,
  weightCast: f.weightCast.toString(),
  counts: f.counts.map((row) => row.map(String)),
});

const WHOLE = /^(0|[1-9][0-9]{0,17})$/;

/** Reads figures typed by a person (numbers or decimal strings); a problem names the field. */
export function figuresFromJson(
  value: unknown,
): { ok: true; figures: BoxFigures } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'figures: expected an object' };
  const v = value as Record<string, unknown>;
  const whole = (field: string, x: unknown): bigint | string => {
    const text = typeof x === 'number' && Number.isSafeInteger(x) ? String(x) : x;
    return typeof text === 'string' && WHOLE.test(text) ? BigInt(text) : `${field} must be a whole number`;
  };
  const fields = {} as Record<string, bigint>;
  for (const field of ['registeredVoters', 'ballotsCounted']) {
    const n = whole(field, v[field]);
    if (typeof n === 'string') return { ok: false, problem: n };
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: `${field} is too large` };
    fields[field] = n;
  }
  // Weights default to the head counts (boxes without weighted votes).
  for (const [field, fallback] of [
    ['registeredWeight', 'registeredVoters'],
    ['weightCast', 'ballotsCounted'],
  ] as const) {
    const n = v[field] === undefined ? fields[fallback]! : whole(field, v[field]);
    if (typeof n === 'string') return { ok: false, problem: n };
    fields[field] = n;
  }
  if (!Array.isArray(v.counts) || !v.counts.every(Array.isArray))
    return { ok: false, problem: 'counts: expected one array of counts per question' };
  const counts: bigint[][] = [];
  for (const [i, row] of (v.counts as unknown[][]).entries()) {
    const parsed: bigint[] = [];
    for (const [j, x] of row.entries()) {
      const n = whole(`counts[${i}][${j}]`, x);
      if (typeof n === 'string') return { ok: false, problem: n };
      parsed.push(n);
    }
    counts.push(parsed);
  }
  const known = new Set(['registeredVoters', 'registeredWeight', 'ballotsCounted', 'weightCast', 'counts']);
  const unknown = Object.keys(v).filter((k) => !known.has(k));
  if (unknown.length > 0) return { ok: false, problem: `unknown field ${unknown[0]}` };
  return {
    ok: true,
    figures: {
      registeredVoters: Number(fields.registeredVoters),
      registeredWeight: fields.registeredWeight!,
      ballotsCounted: Number(fields.ballotsCounted),
      weightCast: fields.weightCast!,
      counts,
    },
  };
}

/** Two boxes are on the same questions when their question structures are identical. */
export const questionsKey = (questions: readonly unknown[]) => JSON.stringify(questions);
