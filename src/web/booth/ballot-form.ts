/**
 * What the voter ticks, ranks or grades, and how it becomes the clear vote of the protocol: one 0/1
 * array per homomorphic question, with the blank slot first when the question allows blank votes
 * ([1,0,0,0] is blank); for a ranked or graded question, one small integer per candidate (its rank,
 * or its grade 1… with 1 the best; 0 = not ranked; all zero = blank), as Belenios's booth encodes
 * them. Pure, so the rules the booth shows are tested without a browser; `checkPlaintext` remains
 * the final word before encryption.
 */
import type { Plaintext } from '../../protocol/ballot.js';
import {
  type ClearBallotProblem,
  type CountingMethod,
  clearBallotProblem,
  countingMethodOf,
} from '../../protocol/counting/method.js';
import {
  type GenericQuestion,
  type HomomorphicQuestion,
  isHomomorphic,
  type Question,
} from '../../protocol/messages.js';

export interface QuestionSelection {
  blank: boolean;
  /** One flag per answer, in the election's order. */
  chosen: boolean[];
  /** Ranked or graded questions: one rank or grade per candidate, 0 when none is given. */
  values?: number[];
}

export type SelectionProblem =
  | { kind: 'too-few'; min: number; blankAllowed: boolean }
  | { kind: 'too-many'; max: number }
  | { kind: 'blank-with-answers' }
  | ClearBallotProblem;

/**
 * How the booth asks a ranked or graded question: by its counting method; a question without one
 * (made outside Scrutin) is asked as a ranking where ties are allowed and blank is not.
 */
export function boothMethod(question: GenericQuestion): CountingMethod {
  return countingMethodOf(question) ?? { method: 'Schulze', blank: false };
}

/** The candidates of a ranked or graded question, and its text. */
export function rankedValue(question: GenericQuestion): { answers: string[]; question: string } {
  return question.value as { answers: string[]; question: string };
}

export function emptySelection(question: Question): QuestionSelection {
  if (!isHomomorphic(question)) {
    const n = rankedValue(question).answers.length;
    return { blank: false, chosen: new Array<boolean>(n).fill(false), values: new Array<number>(n).fill(0) };
  }
  return { blank: false, chosen: question.answers.map(() => false) };
}

/**
 * Radio buttons only where they can express every valid vote: exactly one answer, no blank. With
 * min = 0 a ticked radio could not be unticked, so such questions get checkboxes.
 */
export function usesRadioButtons(question: HomomorphicQuestion): boolean {
  return question.max === 1 && question.min === 1 && !question.blank;
}

export function selectionProblem(
  question: Question,
  selection: QuestionSelection,
): SelectionProblem | undefined {
  if (!isHomomorphic(question)) {
    const values = selection.values ?? [];
    if (selection.blank && values.some((v) => v !== 0)) return { kind: 'blank-with-answers' };
    return clearBallotProblem(boothMethod(question), values);
  }
  const ticked = selection.chosen.filter(Boolean).length;
  if (question.blank && selection.blank) return ticked === 0 ? undefined : { kind: 'blank-with-answers' };
  if (ticked < question.min)
    return { kind: 'too-few', min: question.min, blankAllowed: Boolean(question.blank) };
  if (ticked > question.max) return { kind: 'too-many', max: question.max };
  return undefined;
}

export function questionPlaintext(question: Question, selection: QuestionSelection): number[] {
  if (!isHomomorphic(question)) {
    const values = selection.values ?? emptySelection(question).values!;
    return selection.blank ? values.map(() => 0) : [...values];
  }
  const blank = Boolean(question.blank) && selection.blank;
  const answers = selection.chosen.map((ticked) => (ticked && !blank ? 1 : 0));
  return question.blank ? [blank ? 1 : 0, ...answers] : answers;
}

export function toPlaintext(
  questions: readonly Question[],
  selections: readonly QuestionSelection[],
): Plaintext {
  return questions.map((question, i) =>
    questionPlaintext(question, selections[i] ?? emptySelection(question)),
  );
}
