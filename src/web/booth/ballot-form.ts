/**
 * What the voter ticks, and how it becomes the clear vote of the protocol: one 0/1 array per
 * homomorphic question, with the blank slot first when the question allows blank votes ([1,0,0,0]
 * is blank). Pure, so the rules the booth shows are tested without a browser; `checkPlaintext`
 * remains the final word before encryption.
 */
import type { Plaintext } from '../../protocol/ballot.js';
import type { HomomorphicQuestion } from '../../protocol/messages.js';

export interface QuestionSelection {
  blank: boolean;
  /** One flag per answer, in the election's order. */
  chosen: boolean[];
}

export type SelectionProblem =
  | { kind: 'too-few'; min: number; blankAllowed: boolean }
  | { kind: 'too-many'; max: number }
  | { kind: 'blank-with-answers' };

export function emptySelection(question: HomomorphicQuestion): QuestionSelection {
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
  question: HomomorphicQuestion,
  selection: QuestionSelection,
): SelectionProblem | undefined {
  const ticked = selection.chosen.filter(Boolean).length;
  if (question.blank && selection.blank) return ticked === 0 ? undefined : { kind: 'blank-with-answers' };
  if (ticked < question.min)
    return { kind: 'too-few', min: question.min, blankAllowed: Boolean(question.blank) };
  if (ticked > question.max) return { kind: 'too-many', max: question.max };
  return undefined;
}

export function questionPlaintext(question: HomomorphicQuestion, selection: QuestionSelection): number[] {
  const blank = Boolean(question.blank) && selection.blank;
  const answers = selection.chosen.map((ticked) => (ticked && !blank ? 1 : 0));
  return question.blank ? [blank ? 1 : 0, ...answers] : answers;
}

export function toPlaintext(
  questions: readonly HomomorphicQuestion[],
  selections: readonly QuestionSelection[],
): Plaintext {
  return questions.map((question, i) =>
    questionPlaintext(question, selections[i] ?? emptySelection(question)),
  );
}
