/** Step 4: the voter reads back the choices, then encrypts and casts in one action. */
import { messagesFor } from '../../../i18n/index.js';
import { isHomomorphic } from '../../../protocol/messages.js';
import { h } from '../../kit/dom.js';
import { emptySelection, rankedValue } from '../ballot-form.js';
import type { View } from '../state.js';
import { stepScreen } from './layout.js';
import { rankedReview } from './ranked.js';

export const CAST_BUTTON_ID = 'cast-button';

export function reviewScreen(view: View): HTMLElement {
  const { m, state, actions } = view;
  const summaries = state.questions.map((question, i) => {
    const selection = state.selections[i];
    if (!isHomomorphic(question))
      return h(
        'section',
        { class: 'review-question' },
        h('h2', {}, rankedValue(question).question),
        rankedReview(view, question, selection ?? emptySelection(question)),
      );
    const chosen = question.answers.filter((_, j) => selection?.chosen[j] === true);
    const body =
      question.blank && selection?.blank
        ? h('p', { class: 'review-answer' }, m.review.blankVote)
        : chosen.length === 0
          ? h('p', { class: 'review-answer' }, m.review.noAnswer)
          : h('ul', { class: 'review-answer' }, ...chosen.map((answer) => h('li', {}, answer)));
    return h('section', { class: 'review-question' }, h('h2', {}, question.question), body);
  });
  return stepScreen(
    view,
    { step: 4, heading: m.review.heading },
    ...summaries,
    state.hasVoted === true &&
      h(
        'p',
        { class: 'notice', id: 'replaces-notice' },
        messagesFor(state.language).congressDefects.booth.replaces,
      ),
    h('p', {}, m.review.intro),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: CAST_BUTTON_ID,
          class: 'primary',
          'aria-disabled': state.busy ? 'true' : undefined,
          on: { click: () => actions.cast() },
        },
        m.review.cast,
      ),
      h(
        'button',
        { type: 'button', class: 'secondary', on: { click: () => actions.changeChoices() } },
        m.review.change,
      ),
    ),
  );
}
