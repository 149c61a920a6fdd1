/**
 * The procès-verbal's section for an election's own rules (issue 17), kept apart from the rest of
 * the PV (proces-verbal.ts): the sealed hash of the rules; per list question the method, seats and
 * threshold, each list's votes, admission, seats and elected candidates in list order, the
 * allocation steps (the averages table, or the quota with each list's whole quotas and remainder),
 * vacant and undecided seats and how the statutes settled them (with the draw's seed and context);
 * per question with a quorum or a majority, its outcome. Every name typed by people is escaped.
 */
import { escapeHtmlNumeric as escapeHtml } from '../core/html.js';
import { type Language, messagesFor } from '../i18n/index.js';
import { type SeatsProcesVerbalMessages, seatsProcesVerbalMessages } from '../i18n/seats-proces-verbal.js';
import type { ConsolidatedRules } from './election-rules.js';
import { decimalString } from './fraction.js';

type SeatOutcome = NonNullable<ConsolidatedRules['outcome']>['seats'][number];
type QuestionOutcome = NonNullable<ConsolidatedRules['outcome']>['questions'][number];

type Labels = SeatsProcesVerbalMessages;

const cell = (text: string) => `<td>${text}</td>`;
const fractionText = (f: { numerator: string; denominator: string }, language: Language) => {
  const text = decimalString(BigInt(f.numerator), BigInt(f.denominator));
  return messagesFor(language).format.decimal(text);
};

function stepsTable(s: SeatOutcome, l: Labels, language: Language): string {
  const names = s.lists.map((list) => escapeHtml(list.name));
  if (s.steps.kind === 'highest-averages') {
    const { divisors, averages } = s.steps;
    const head = `<tr><th scope="col">${l.headers[0]}</th>${divisors.map((d) => `<th scope="col">${l.divisor} ${d}</th>`).join('')}</tr>`;
    const rows = averages
      .map((row, i) =>
        row === null
          ? ''
          : `<tr><th scope="row">${names[i]}</th>${divisors.map((_, k) => cell(row[k] ? fractionText(row[k], language) : '')).join('')}</tr>`,
      )
      .join('');
    return `<h4>${l.averages}</h4><table>${head}${rows}</table>`;
  }
  const { quota, quotients } = s.steps;
  const rows = quotients
    .map((q, i) =>
      q === null
        ? ''
        : `<tr><th scope="row">${names[i]}</th>${cell(q.quotas)}${cell(fractionText(q.remainder, language))}</tr>`,
    )
    .join('');
  return `<h4>${quota ? l.quota(fractionText(quota, language)) : ''}</h4><table><tr>${l.quotients.map((h) => `<th scope="col">${h}</th>`).join('')}</tr>${rows}</table>`;
}

function seatsSection(s: SeatOutcome, l: Labels, language: Language): string {
  const names = s.lists.map((list) => escapeHtml(list.name));
  const rows = s.lists
    .map(
      (list) =>
        `<tr><th scope="row">${escapeHtml(list.name)}</th>${cell(list.votes)}${cell(list.admitted ? l.yes : l.no)}${cell(String(list.seats))}${cell(
          `${list.elected.map(escapeHtml).join(', ')}${list.exhausted ? ` <em>(${l.exhausted})</em>` : ''}`,
        )}</tr>`,
    )
    .join('');
  const notes: string[] = [];
  if (s.vacant > 0) notes.push(l.vacant(s.vacant));
  if (s.undecided) {
    notes.push(l.undecided(s.undecided.seats, s.undecided.lists.map((i) => names[i]).join(', ')));
    const settled = s.settlement;
    if (settled) {
      notes.push(
        l.settled(l.steps[settled.step] ?? settled.step, settled.winners.map((p) => names[p - 1]).join(', ')),
      );
      if (settled.draw) notes.push(l.draw(escapeHtml(settled.draw.context), settled.draw.seed));
    } else notes.push(l.unsettled);
  }
  return `<h3>${l.question(s.question + 1)} — ${l.method[s.method] ?? escapeHtml(s.method)}</h3>
<p>${l.seatsThreshold(s.seats, s.threshold)}</p>
<table><tr>${l.headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr>${rows}</table>
${notes.map((n) => `<p>${n}</p>`).join('')}
${stepsTable(s, l, language)}`;
}

function questionLine(q: QuestionOutcome, l: Labels, language: Language): string {
  const parts = [l.outcome[q.kind] ?? escapeHtml(q.kind)];
  if (q.quorum) parts.push(l.quorum(q.quorum.turnout, q.quorum.required));
  if (q.majority && q.base) parts.push(l.majority(escapeHtml(q.majority), q.base));
  return `<li>${l.question(q.question + 1)}${messagesFor(language).format.colon}${parts.join(' — ')}</li>`;
}

/** The section, or '' when the consultation's boxes have no rules of their own. */
export function rulesSection(rules: ConsolidatedRules | null | undefined, language: Language): string {
  if (!rules) return '';
  const l = seatsProcesVerbalMessages(language);
  const body = rules.outcome
    ? `${rules.outcome.seats.map((s) => seatsSection(s, l, language)).join('\n')}${
        rules.outcome.questions.length > 0
          ? `<ul>${rules.outcome.questions.map((q) => questionLine(q, l, language)).join('')}</ul>`
          : ''
      }`
    : `<p>${l.pending}</p>`;
  return `<h2>${l.title}</h2>
<p>${l.hash}${messagesFor(language).format.colon}<code>${escapeHtml(rules.hash)}</code></p>
${body}`;
}
