/**
 * Step 3: the questions. Radio buttons for "exactly one answer, no blank", checkboxes otherwise,
 * with a "Vote blank" box (exclusive with the answers) when the question allows it. The rule of each
 * question is stated up front; breaking it shows a message next to the question.
 */
import type { Messages } from '../../../i18n/index.js';
import { type HomomorphicQuestion, isHomomorphic } from '../../../protocol/messages.js';
import { h } from '../../kit/dom.js';
import { type QuestionSelection, type SelectionProblem, usesRadioButtons } from '../ballot-form.js';
import type { View } from '../state.js';
import { stepScreen } from './layout.js';
import { rankedFieldset } from './ranked.js';

type QuestionMessages = Messages['booth']['questions'];
type RankedMessages = Messages['booth']['ranked'];

export function ruleText(m: QuestionMessages, question: HomomorphicQuestion): string {
  const { min, max } = question;
  const rule =
    min === max ? m.chooseExactly(min) : min === 0 ? m.chooseAtMost(max) : m.chooseBetween(min, max);
  return question.blank ? `${rule} ${m.orBlank}` : rule;
}

export function problemText(m: QuestionMessages, problem: SelectionProblem, r: RankedMessages): string {
  switch (problem.kind) {
    case 'incomplete':
      return r.incomplete;
    case 'ranks-not-consecutive':
      return r.notConsecutive;
    case 'out-of-range':
      return r.outOfRange;
    case 'blank-not-allowed':
      return r.blankNotAllowed;
    case 'too-few':
      return m.tooFew(problem.min, problem.blankAllowed);
    case 'too-many':
      return m.tooMany(problem.max);
    case 'blank-with-answers':
      return m.blankWithAnswers;
  }
}

/** Id of the first control of question i: where focus goes when that question needs attention. */
export const firstControlId = (i: number) => `q${i}-a0`;

function questionFieldset(view: View, question: HomomorphicQuestion, i: number): HTMLElement {
  const m = view.m.questions;
  const selection = view.state.selections[i] as QuestionSelection;
  const problem = view.state.problems[i];
  const radio = usesRadioButtons(question);
  const inputs: HTMLInputElement[] = [];
  const blankBox = question.blank
    ? h('input', {
        type: 'checkbox',
        id: `q${i}-blank`,
        name: `q${i}-blank`,
        checked: selection.blank,
        on: {
          change: () => {
            selection.blank = blankBox!.checked;
            if (!selection.blank) return;
            // A blank vote selects nothing: untick the answers.
            selection.chosen.fill(false);
            for (const input of inputs) input.checked = false;
          },
        },
      })
    : undefined;
  const choices = question.answers.map((answer, j) => {
    const input = h('input', {
      type: radio ? 'radio' : 'checkbox',
      id: `q${i}-a${j}`,
      name: `q${i}`,
      value: j,
      checked: selection.chosen[j] === true,
      on: {
        change: () => {
          if (radio) selection.chosen.fill(false);
          selection.chosen[j] = input.checked;
          if (input.checked && blankBox) {
            selection.blank = false;
            blankBox.checked = false;
          }
        },
      },
    });
    inputs.push(input);
    const candidates = view.state.lists.get(i)?.[j];
    if (!candidates) return h('div', { class: 'choice' }, input, h('label', { for: input.id }, answer));
    // A list: its candidates in order, read with the choice (aria-describedby) and shown under it.
    const listId = `${input.id}-candidates`;
    input.setAttribute('aria-describedby', listId);
    return h(
      'div',
      { class: 'choice list-choice' },
      input,
      h('label', { for: input.id }, answer),
      h(
        'ol',
        { id: listId, class: 'candidates', 'aria-label': m.candidatesOf(answer) },
        ...candidates.map((c) => h('li', {}, c.gender ? `${c.name} (${m.gender[c.gender]})` : c.name)),
      ),
    );
  });
  const described = [`q${i}-rule`, problem ? `q${i}-error` : undefined].filter(Boolean).join(' ');
  return h(
    'fieldset',
    { class: problem ? 'question invalid' : 'question', id: `q${i}`, 'aria-describedby': described },
    h(
      'legend',
      {},
      h('span', { class: 'question-number' }, m.questionNumber(i + 1, view.state.questions.length)),
      h('span', { class: 'question-text' }, question.question),
    ),
    h('p', { id: `q${i}-rule`, class: 'hint' }, ruleText(m, question)),
    problem && h('p', { id: `q${i}-error`, class: 'field-error' }, problemText(m, problem, view.m.ranked)),
    h('div', { class: 'choices' }, ...choices),
    blankBox &&
      h('div', { class: 'choice blank-choice' }, blankBox, h('label', { for: blankBox.id }, m.blank)),
  );
}

function rankedProblem(view: View, i: number): string | undefined {
  const problem = view.state.problems[i];
  return problem && problemText(view.m.questions, problem, view.m.ranked);
}

export function questionsScreen(view: View): HTMLElement {
  const { m, state, actions } = view;
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.reviewVote();
        },
      },
    },
    ...state.questions.map((question, i) =>
      isHomomorphic(question)
        ? questionFieldset(view, question, i)
        : rankedFieldset(view, question, i, rankedProblem(view, i)),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.questions.submit)),
  );
  return stepScreen(view, { step: 3, heading: m.questions.heading }, form);
}
