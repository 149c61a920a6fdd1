/**
 * The procès-verbal's section for an election's own rules (issue 17), kept apart from the rest of
 * the PV (proces-verbal.ts): the sealed hash of the rules; per list question the method, seats and
 * threshold, each list's votes, admission, seats and elected candidates in list order, the
 * allocation steps (the averages table, or the quota with each list's whole quotas and remainder),
 * vacant and undecided seats and how the statutes settled them (with the draw's seed and context);
 * per question with a quorum or a majority, its outcome. Every name typed by people is escaped.
 */
import { escapeHtmlNumeric as escapeHtml } from '../core/html.js';
import type { ConsolidatedRules } from './election-rules.js';
import { decimalString } from './fraction.js';

type Language = 'en' | 'fr';
type SeatOutcome = NonNullable<ConsolidatedRules['outcome']>['seats'][number];
type QuestionOutcome = NonNullable<ConsolidatedRules['outcome']>['questions'][number];

const LABELS = {
  en: {
    title: 'Seats and decisions under the election rules',
    hash: 'Sealed hash of the election rules',
    pending: 'Seats are allocated once every box is published or annulled.',
    question: (n: number) => `Question ${n}`,
    method: {
      dhondt: "D'Hondt (highest averages)",
      'sainte-lague': 'Sainte-Laguë',
      hare: 'Hare quota, largest remainders',
    } as Record<string, string>,
    seatsThreshold: (seats: number, threshold: string) =>
      `${seats} seats; threshold ${threshold} % of the votes given to lists`,
    headers: ['List', 'Votes', 'Admitted', 'Seats', 'Elected, in list order'],
    yes: 'yes',
    no: 'no (below the threshold)',
    exhausted: 'all its candidates are elected: its further seats went to the next lists',
    averages: 'Averages (votes ÷ divisor)',
    divisor: 'divisor',
    quota: (q: string) => `Quota: ${q} votes per seat`,
    quotients: ['List', 'Whole quotas', 'Remainder'],
    vacant: (n: number) => `${n} seat(s) vacant: no list with votes and candidates left could take them.`,
    undecided: (seats: number, lists: string) =>
      `${seats} seat(s) undecided: equal averages and equal votes between ${lists}.`,
    settled: (step: string, winners: string) => `Settled by the statutes (${step}): ${winners}.`,
    steps: { 'older-candidate': 'older candidate', draw: 'draw by lot' } as Record<string, string>,
    draw: (context: string, seed: string) =>
      `Draw "${context}", seed ${seed} (SHA-256 of "scrutin-draw-v1|" + final archive hash + "|" + context).`,
    unsettled: 'Not settled yet: the statutes decide, and an admin records it.',
    outcome: {
      adopted: 'adopted',
      rejected: 'rejected',
      'quorum-not-reached': 'quorum not reached',
      elected: 'elected',
      tie: 'tie',
      'second-round': 'second round',
      'no-votes': 'no votes',
    } as Record<string, string>,
    quorum: (turnout: string, required: string) => `turnout ${turnout}, quorum ${required}`,
    majority: (majority: string, base: string) => `majority ${majority} of ${base}`,
  },
  fr: {
    title: "Sièges et décisions selon les règles de l'élection",
    hash: "Empreinte scellée des règles de l'élection",
    pending: 'Les sièges sont répartis quand toutes les urnes sont publiées ou annulées.',
    question: (n: number) => `Question ${n}`,
    method: {
      dhondt: "D'Hondt (plus forte moyenne)",
      'sainte-lague': 'Sainte-Laguë',
      hare: 'quotient de Hare, plus forts restes',
    } as Record<string, string>,
    seatsThreshold: (seats: number, threshold: string) =>
      `${seats} sièges ; seuil ${threshold.replace('.', ',')}\u00a0% des suffrages donnés aux listes`,
    headers: ['Liste', 'Voix', 'Admise', 'Sièges', 'Élus, dans l’ordre de la liste'],
    yes: 'oui',
    no: 'non (sous le seuil)',
    exhausted: 'tous ses candidats sont élus : ses sièges suivants sont allés aux listes suivantes',
    averages: 'Moyennes (voix ÷ diviseur)',
    divisor: 'diviseur',
    quota: (q: string) => `Quotient : ${q} voix par siège`,
    quotients: ['Liste', 'Quotients entiers', 'Reste'],
    vacant: (n: number) =>
      `${n} siège(s) vacant(s) : aucune liste ayant des voix et des candidats restants ne pouvait les prendre.`,
    undecided: (seats: number, lists: string) =>
      `${seats} siège(s) indécis : moyennes égales et voix égales entre ${lists}.`,
    settled: (step: string, winners: string) => `Départagé selon les statuts (${step}) : ${winners}.`,
    steps: { 'older-candidate': 'candidat le plus âgé', draw: 'tirage au sort' } as Record<string, string>,
    draw: (context: string, seed: string) =>
      `Tirage « ${context} », graine ${seed} (SHA-256 de « scrutin-draw-v1| » + empreinte finale de l’archive + « | » + contexte).`,
    unsettled: 'Pas encore départagé : les statuts décident, et un administrateur l’enregistre.',
    outcome: {
      adopted: 'adoptée',
      rejected: 'rejetée',
      'quorum-not-reached': 'quorum non atteint',
      elected: 'élu',
      tie: 'égalité',
      'second-round': 'second tour',
      'no-votes': 'aucune voix',
    } as Record<string, string>,
    quorum: (turnout: string, required: string) => `participation ${turnout}, quorum ${required}`,
    majority: (majority: string, base: string) => `majorité ${majority} de ${base}`,
  },
};

type Labels = (typeof LABELS)[Language];

const cell = (text: string) => `<td>${text}</td>`;
const fractionText = (f: { numerator: string; denominator: string }, language: Language) => {
  const text = decimalString(BigInt(f.numerator), BigInt(f.denominator));
  return language === 'fr' ? text.replace('.', ',') : text;
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
  return `<li>${l.question(q.question + 1)}${language === 'fr' ? '\u00a0:' : ':'} ${parts.join(' — ')}</li>`;
}

/** The section, or '' when the consultation's boxes have no rules of their own. */
export function rulesSection(rules: ConsolidatedRules | null | undefined, language: Language): string {
  if (!rules) return '';
  const l = LABELS[language];
  const body = rules.outcome
    ? `${rules.outcome.seats.map((s) => seatsSection(s, l, language)).join('\n')}${
        rules.outcome.questions.length > 0
          ? `<ul>${rules.outcome.questions.map((q) => questionLine(q, l, language)).join('')}</ul>`
          : ''
      }`
    : `<p>${l.pending}</p>`;
  return `<h2>${l.title}</h2>
<p>${l.hash}${language === 'fr' ? '\u00a0:' : ':'} <code>${escapeHtml(rules.hash)}</code></p>
${body}`;
}
