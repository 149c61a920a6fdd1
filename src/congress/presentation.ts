/**
 * Figures as people read them: per question and answer the count, its percentage of the votes cast
 * (blank votes included), of the valid votes (blank excluded) and of the registered weight; the
 * turnout in ballots and in weight. Percentages are decimal strings with two decimals rounded half
 * up, computed on integers (null when the denominator is zero), so the same figures always print
 * the same way on the server, in the CLI and in the procès-verbal.
 */
import type { HomomorphicQuestion } from '../protocol/messages.js';
import type { BoxFigures } from './figures.js';

export interface AnswerLine {
  /** Slot in Belenios result order (0 is blank when the question allows it). */
  readonly slot: number;
  readonly answer: string;
  readonly blank: boolean;
  readonly count: string;
  readonly percentOfVotesCast: string | null;
  /** Null for the blank line: blank votes are not valid votes. */
  readonly percentOfValidVotes: string | null;
  readonly percentOfRegistered: string | null;
}

export interface QuestionLines {
  readonly number: number;
  readonly question: string;
  readonly blankVotes: string | null;
  readonly validVotes: string;
  readonly answers: readonly AnswerLine[];
}

export interface Presentation {
  readonly registeredVoters: number;
  readonly registeredWeight: string;
  readonly ballotsCounted: number;
  readonly weightCast: string;
  /** Weight cast / registered weight (what decides with weighted votes). */
  readonly turnoutPercent: string | null;
  /** Ballots / registered voters (heads). */
  readonly turnoutBallotsPercent: string | null;
  readonly weighted: boolean;
  readonly questions: readonly QuestionLines[];
}

/** count / total in percent, two decimals, rounded half up; null when total is zero. */
export function percent(count: bigint, total: bigint): string | null {
  if (total <= 0n) return null;
  const hundredths = (count * 20000n + total) / (2n * total);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

export function present(questions: readonly HomomorphicQuestion[], figures: BoxFigures): Presentation {
  const registered = figures.registeredWeight;
  return {
    registeredVoters: figures.registeredVoters,
    registeredWeight: registered.toString(),
    ballotsCounted: figures.ballotsCounted,
    weightCast: figures.weightCast.toString(),
    turnoutPercent: percent(figures.weightCast, registered),
    turnoutBallotsPercent: percent(BigInt(figures.ballotsCounted), BigInt(figures.registeredVoters)),
    weighted:
      registered !== BigInt(figures.registeredVoters) ||
      figures.weightCast !== BigInt(figures.ballotsCounted),
    questions: questions.map((question, i) => {
      const row = figures.counts[i] ?? [];
      const blank = question.blank ? (row[0] ?? 0n) : null;
      const valid = figures.weightCast - (blank ?? 0n);
      const labels = [...(question.blank ? [null] : []), ...question.answers];
      return {
        number: i + 1,
        question: question.question,
        blankVotes: blank === null ? null : blank.toString(),
        validVotes: valid.toString(),
        answers: labels.map((label, slot) => {
          const count = row[slot] ?? 0n;
          return {
            slot,
            answer: label ?? '(blank)',
            blank: label === null,
            count: count.toString(),
            percentOfVotesCast: percent(count, figures.weightCast),
            percentOfValidVotes: label === null ? null : percent(count, valid),
            percentOfRegistered: percent(count, registered),
          };
        }),
      };
    }),
  };
}

/** The candidates' counts and the blank count of a question, as a round rule reads them. */
export function candidateCounts(
  question: HomomorphicQuestion,
  row: readonly bigint[],
): { answers: bigint[]; blank: bigint } {
  return question.blank ? { answers: row.slice(1), blank: row[0] ?? 0n } : { answers: [...row], blank: 0n };
}
