/** The result of a ranked or graded question as a section of the public page (issue 18). */
import type { Messages } from '../../i18n/index.js';
import { h } from '../kit/dom.js';
import type { RankedOutcome } from './ranked-result.js';

type ResultMessages = Messages['electionPage']['result'];

function orderList(m: ResultMessages, order: readonly string[][]): HTMLElement {
  let rank = 1;
  const items = order.map((group) => {
    const item = h('li', {}, m.ranked.place(rank, group.length > 1 ? m.ranked.tied(group) : group[0]!));
    rank += group.length;
    return item;
  });
  return h('ul', { class: 'ranked-order' }, ...items);
}

export function rankedResultSection(
  m: ResultMessages,
  question: string,
  headingId: string,
  outcome: RankedOutcome,
): HTMLElement {
  const heading = h('h3', { id: headingId }, question);
  const frame = (...children: (HTMLElement | false)[]) =>
    h(
      'section',
      { class: 'result-question ranked-result', 'aria-labelledby': headingId },
      heading,
      ...children,
    );
  switch (outcome.kind) {
    case 'list':
      return frame(h('p', {}, m.ranked.listIntro(outcome.ballots)));
    case 'schulze':
      return frame(
        h('p', {}, m.ranked.schulzeIntro),
        orderList(m, outcome.order),
        h('p', { class: 'hint' }, m.ranked.counts(outcome.valid, outcome.blank, 0)),
      );
    case 'stv':
      return frame(
        h('p', {}, m.ranked.stvIntro(m.ranked.seats(outcome.seats))),
        h('h4', {}, m.ranked.elected),
        h('ul', { class: 'ranked-elected' }, ...outcome.elected.map((name) => h('li', {}, name))),
        h('p', { class: 'hint' }, m.ranked.counts(outcome.valid, undefined, outcome.invalid)),
      );
    case 'mj':
      return frame(
        h('p', {}, m.ranked.mjIntro),
        orderList(m, outcome.order),
        h(
          'div',
          {
            class: 'table-scroll',
            role: 'region',
            'aria-label': m.ranked.gradesCaption(question),
            tabindex: 0,
          },
          h(
            'table',
            { class: 'result-table' },
            h('caption', { class: 'visually-hidden' }, m.ranked.gradesCaption(question)),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, m.ranked.candidate),
                ...outcome.grades.map((grade) => h('th', { scope: 'col', class: 'number' }, grade)),
                h('th', { scope: 'col' }, m.ranked.majorityGrade),
              ),
            ),
            h(
              'tbody',
              {},
              ...outcome.rows.map((row) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, row.label),
                  ...row.counts.map((count) => h('td', { class: 'number' }, String(count))),
                  h('td', {}, row.majorityGrade),
                ),
              ),
            ),
          ),
        ),
        h('p', { class: 'hint' }, m.ranked.counts(outcome.valid, outcome.blank, outcome.invalid)),
      );
  }
}
