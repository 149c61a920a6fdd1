/**
 * Step 3 for a ranked or graded question (issue 18), usable with a keyboard and a screen reader,
 * never by dragging: a ranking gives each candidate a rank from a labelled list ("Not ranked", 1st,
 * 2nd…), with the ranking so far written out under it; a grading gives each candidate one grade
 * among radio buttons, grouped under the candidate's name. "Vote blank" when the method allows it.
 * The review step reads the ranking or the grades back in words (`rankedReview`).
 */
import type { Messages } from '../../../i18n/index.js';
import type { GenericQuestion } from '../../../protocol/messages.js';
import { type Child, h, replaceChildren } from '../../kit/dom.js';
import { boothMethod, type QuestionSelection, rankedValue } from '../ballot-form.js';
import type { View } from '../state.js';

type RankedMessages = Messages['booth']['ranked'];

/** The ranking in words: "1. Ana", "2. Bo, Cy" (tied), then the candidates not ranked. */
export function rankingLines(
  r: RankedMessages,
  answers: readonly string[],
  values: readonly number[],
): string[] {
  const ranks = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  const lines = ranks.map((rank) =>
    r.reviewRank(rank, answers.filter((_, j) => values[j] === rank).join(', ')),
  );
  const unranked = answers.filter((_, j) => (values[j] ?? 0) === 0);
  if (unranked.length > 0 && ranks.length > 0) lines.push(r.reviewNotRanked(unranked.join(', ')));
  return lines;
}

/** `problemText`: what is wrong with the answer, once the voter tried to go on (questions.ts words it). */
export function rankedFieldset(
  view: View,
  question: GenericQuestion,
  i: number,
  problemText: string | undefined,
): HTMLElement {
  const m = view.m.questions;
  const r = view.m.ranked;
  const { answers, question: text } = rankedValue(question);
  const method = boothMethod(question);
  const selection = view.state.selections[i] as QuestionSelection;
  selection.values ??= answers.map(() => 0);
  const values = selection.values;
  const problem = problemText;
  const graded = method.method === 'MajorityJudgment';
  const rule = graded
    ? r.gradeRule(method.grades.join(', '))
    : `${r.rankRule(answers.length)} ${method.method === 'STV' ? r.rankNoTies : r.rankTiesAllowed}`;

  const controls: (HTMLInputElement | HTMLSelectElement)[] = [];
  const summary = h('ul', {
    class: 'ranking-so-far',
    id: `q${i}-ranking`,
    'aria-labelledby': `q${i}-ranking-heading`,
  });
  const drawSummary = () => {
    const lines = rankingLines(r, answers, values);
    replaceChildren(
      summary,
      ...(lines.length === 0 ? [h('li', {}, r.nothingRanked)] : lines.map((l) => h('li', {}, l))),
    );
  };
  const blankBox = method.blank
    ? h('input', {
        type: 'checkbox',
        id: `q${i}-blank`,
        name: `q${i}-blank`,
        checked: selection.blank,
        on: {
          change: () => {
            selection.blank = blankBox!.checked;
            if (!selection.blank) return;
            // A blank vote ranks and grades nobody: clear what was given.
            values.fill(0);
            for (const control of controls) {
              if (control instanceof HTMLSelectElement) control.value = '0';
              else control.checked = false;
            }
            if (!graded) drawSummary();
          },
        },
      })
    : undefined;
  const given = () => {
    if (blankBox && selection.blank) {
      selection.blank = false;
      blankBox.checked = false;
    }
  };

  let rows: Child[];
  if (graded) {
    rows = answers.map((answer, j) =>
      h(
        'fieldset',
        { class: 'grade-row', id: `q${i}-c${j}` },
        h('legend', {}, answer),
        h(
          'div',
          { class: 'grades' },
          ...method.grades.map((grade, k) => {
            const input = h('input', {
              type: 'radio',
              id: k === 0 ? `q${i}-a${j}` : `q${i}-a${j}-g${k}`,
              name: `q${i}-a${j}`,
              value: k + 1,
              checked: values[j] === k + 1,
              on: {
                change: () => {
                  if (!input.checked) return;
                  values[j] = k + 1;
                  given();
                },
              },
            });
            controls.push(input);
            return h('div', { class: 'choice' }, input, h('label', { for: input.id }, grade));
          }),
        ),
      ),
    );
  } else {
    rows = answers.map((answer, j) => {
      const select = h(
        'select',
        {
          id: `q${i}-a${j}`,
          name: `q${i}-a${j}`,
          'aria-describedby': `q${i}-rule`,
          on: {
            change: () => {
              values[j] = Number(select.value);
              if (values[j] !== 0) given();
              drawSummary();
            },
          },
        },
        h('option', { value: 0, selected: values[j] === 0 }, r.notRanked),
        ...answers.map((_, k) => h('option', { value: k + 1, selected: values[j] === k + 1 }, r.rank(k + 1))),
      );
      controls.push(select);
      return h('div', { class: 'rank-row' }, h('label', { for: select.id }, answer), select);
    });
    drawSummary();
  }
  const described = [`q${i}-rule`, problem ? `q${i}-error` : undefined].filter(Boolean).join(' ');
  return h(
    'fieldset',
    {
      class: problem ? 'question ranked invalid' : 'question ranked',
      id: `q${i}`,
      'aria-describedby': described,
    },
    h(
      'legend',
      {},
      h('span', { class: 'question-number' }, m.questionNumber(i + 1, view.state.questions.length)),
      h('span', { class: 'question-text' }, text),
    ),
    h('p', { id: `q${i}-rule`, class: 'hint' }, method.blank ? `${rule} ${r.orBlank}` : rule),
    problem && h('p', { id: `q${i}-error`, class: 'field-error' }, problem),
    h('div', { class: graded ? 'gradings' : 'rankings' }, ...rows),
    !graded && h('p', { class: 'ranking-heading', id: `q${i}-ranking-heading` }, r.yourRanking),
    !graded && summary,
    blankBox &&
      h('div', { class: 'choice blank-choice' }, blankBox, h('label', { for: blankBox.id }, m.blank)),
  );
}

/** The review of a ranked or graded answer, in words. */
export function rankedReview(
  view: View,
  question: GenericQuestion,
  selection: QuestionSelection,
): HTMLElement {
  const r = view.m.ranked;
  const { answers } = rankedValue(question);
  const method = boothMethod(question);
  const values = selection.values ?? answers.map(() => 0);
  if (selection.blank || values.every((v) => v === 0))
    return h('p', { class: 'review-answer' }, view.m.review.blankVote);
  if (method.method === 'MajorityJudgment')
    return h(
      'ul',
      { class: 'review-answer' },
      ...answers.map((answer, j) =>
        h('li', {}, r.reviewGrade(answer, method.grades[(values[j] ?? 1) - 1] ?? '')),
      ),
    );
  return h(
    'ul',
    { class: 'review-answer ranking' },
    ...rankingLines(r, answers, values).map((l) => h('li', {}, l)),
  );
}
