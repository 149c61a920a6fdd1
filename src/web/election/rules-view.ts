/**
 * On the public page of an election with rules of its own (issue 17): each list question's lists
 * with their candidates in order (and the seat rule), and once the result is published the seats
 * with the elected, the allocation steps (averages table, or quota and remainders), vacant,
 * undecided and settled seats, and the outcome of each quorum and majority — all computed by the
 * server from the verified totals (GET /api/v1/elections/:id/rules, checked against the contract).
 * An election without rules shows nothing.
 */
import { RulesAnswer } from '../../contract/election-rules.js';
import { type Language, messagesFor } from '../../i18n/index.js';
import { h } from '../kit/dom.js';
import { checked, requestJson } from '../kit/http.js';

const isRulesAnswer = checked(RulesAnswer);
type Seats = NonNullable<RulesAnswer['outcome']>['seats'][number];

/** a/b with two decimals, truncated (for reading only: the server decided exactly). */
function decimal(f: { numerator: string; denominator: string }, language: Language): string {
  const n = BigInt(f.numerator);
  const d = BigInt(f.denominator);
  const scaled = (n * 100n) / d;
  const text = `${scaled / 100n}.${(scaled % 100n).toString().padStart(2, '0')}`;
  return messagesFor(language).format.decimal(text);
}

export class RulesView {
  private answer: RulesAnswer | undefined;

  /** `base`: the election's API path, /api/v1/elections/:id. */
  constructor(private readonly base: string) {}

  /** True when the election has rules of its own (then the page draws again with them). */
  async load(language: Language): Promise<boolean> {
    const result = await requestJson('GET', `${this.base}/rules`, { language }, isRulesAnswer);
    if (!result.ok || result.value.rules === null) return false;
    this.answer = result.value;
    return true;
  }

  /** The sealed hash of the rules, for the page's list of sealed hashes. */
  get hash(): string | null {
    return this.answer?.sealed ? this.answer.hash : null;
  }

  view(language: Language, questions: readonly { question: string }[]): HTMLElement | null {
    const answer = this.answer;
    if (!answer?.rules) return null;
    const t = messagesFor(language).electionRules.page;
    const outcome = answer.outcome;
    const lists = answer.rules.lists.map((rule, i) => {
      const seats = outcome?.seats[i];
      const headingId = `rules-q${rule.question}`;
      return h(
        'section',
        { class: 'result-question', 'aria-labelledby': headingId, id: `rules-list-${rule.question}` },
        h(
          'h3',
          { id: headingId },
          t.sectionTitle(
            questions[rule.question]?.question ?? t.question(rule.question + 1),
            seats !== undefined,
          ),
        ),
        h(
          'p',
          {},
          t.rule(
            t.methods[rule.method] ?? rule.method,
            rule.seats,
            messagesFor(language).format.decimal(rule.threshold),
          ),
        ),
        seats ? this.seatsTable(seats, language) : this.candidates(rule.lists, language),
        seats && this.notes(seats, language),
        seats && this.steps(seats, language),
      );
    });
    const decisions =
      outcome && outcome.questions.length > 0
        ? h(
            'ul',
            { id: 'rules-decisions' },
            ...outcome.questions.map((q) =>
              h(
                'li',
                {},
                `${questions[q.question]?.question ?? t.question(q.question + 1)}${messagesFor(language).format.colon}`,
                h('strong', {}, t.outcomes[q.kind] ?? q.kind),
                q.quorum ? ` — ${t.quorum(q.quorum.turnout, q.quorum.required)}` : '',
                q.majority && q.base ? ` — ${t.majority(q.majority, q.base)}` : '',
              ),
            ),
          )
        : null;
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'rules-heading', id: 'rules' },
      h('h2', { id: 'rules-heading' }, outcome ? t.headingResult : t.heading),
      ...lists,
      decisions,
    );
  }

  private candidates(lists: NonNullable<RulesAnswer['rules']>['lists'][number]['lists'], language: Language) {
    const t = messagesFor(language).electionRules.page;
    return h(
      'div',
      { class: 'rules-lists' },
      ...lists.map((list, i) =>
        h(
          'div',
          {},
          h('h4', { id: `list-name-${i}` }, list.name),
          h(
            'ol',
            { 'aria-labelledby': `list-name-${i}` },
            ...list.candidates.map((c) =>
              h('li', {}, c.gender ? `${c.name} (${t.gender[c.gender]})` : c.name),
            ),
          ),
        ),
      ),
    );
  }

  private seatsTable(seats: Seats, language: Language): HTMLElement {
    const t = messagesFor(language).electionRules.page;
    return h(
      'table',
      { class: 'result-table', id: `seats-table-${seats.question}` },
      h('caption', {}, t.seatsCaption),
      h('thead', {}, h('tr', {}, ...t.seatsHeaders.map((label) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        ...seats.lists.map((list) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, list.name),
            h('td', { class: 'number' }, list.votes),
            h('td', { class: 'number' }, list.admitted ? String(list.seats) : t.belowThreshold),
            h('td', {}, list.elected.join(', '), list.exhausted ? ` (${t.exhausted})` : ''),
          ),
        ),
      ),
    );
  }

  private notes(seats: Seats, language: Language): HTMLElement | null {
    const t = messagesFor(language).electionRules.page;
    const names = seats.lists.map((l) => l.name);
    const notes: string[] = [];
    if (seats.vacant > 0) notes.push(t.vacant(seats.vacant));
    if (seats.undecided) {
      notes.push(t.undecided(seats.undecided.seats, seats.undecided.lists.map((i) => names[i]!).join(', ')));
      const s = seats.settlement;
      notes.push(
        s
          ? t.settled(
              t.steps[s.step] ?? s.step,
              s.winners.map((p) => names[p - 1]!).join(', '),
              s.draw?.seed ?? null,
            )
          : t.unsettled,
      );
    }
    return notes.length === 0 ? null : h('div', { class: 'notice' }, ...notes.map((n) => h('p', {}, n)));
  }

  private steps(seats: Seats, language: Language): HTMLElement {
    const t = messagesFor(language).electionRules.page;
    const names = seats.lists.map((l) => l.name);
    if (seats.steps.kind === 'highest-averages') {
      const { divisors, averages } = seats.steps;
      return h(
        'table',
        { class: 'result-table', id: `averages-table-${seats.question}` },
        h('caption', {}, t.averages),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.seatsHeaders[0]!),
            ...divisors.map((d) => h('th', { scope: 'col', class: 'number' }, t.divisor(d))),
          ),
        ),
        h(
          'tbody',
          {},
          ...averages.flatMap((row, i) =>
            row === null
              ? []
              : [
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, names[i]!),
                    ...divisors.map((_, k) =>
                      h('td', { class: 'number' }, row[k] ? decimal(row[k], language) : ''),
                    ),
                  ),
                ],
          ),
        ),
      );
    }
    const { quota, quotients } = seats.steps;
    return h(
      'table',
      { class: 'result-table', id: `remainders-table-${seats.question}` },
      h('caption', {}, quota ? t.quota(decimal(quota, language)) : t.noQuota),
      h('thead', {}, h('tr', {}, ...t.remainderHeaders.map((label) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        ...quotients.flatMap((q, i) =>
          q === null
            ? []
            : [
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, names[i]!),
                  h('td', { class: 'number' }, q.quotas),
                  h('td', { class: 'number' }, decimal(q.remainder, language)),
                ),
              ],
        ),
      ),
    );
  }
}
