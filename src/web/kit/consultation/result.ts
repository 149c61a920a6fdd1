/**
 * The consolidated result card of a consultation: its status (provisional or complete), per
 * question a bar chart of the candidates (SVG rectangles sized by attribute, never by style, for the
 * strict CSP) with the figures as a table, the breakdown by box, the round decision and the
 * exports (CSV, JSON, procès-verbal in both languages). Shared by the admin and scrutineer pages.
 */
import type { Language } from '../../../i18n/index.js';
import { h } from '../dom.js';
import type { Shell } from '../staff-shell.js';
import { type Consolidation, consultationApi, type QuestionLines } from './types.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One horizontal bar per answer, its length the percentage of the votes cast. */
function barChart(lines: QuestionLines, title: string, percent: (p: string | null) => string): SVGElement {
  const rowHeight = 28;
  const height = lines.answers.length * rowHeight + 4;
  const chart = svg('svg', {
    class: 'consultation-chart',
    viewBox: `0 0 400 ${height}`,
    role: 'img',
    'aria-label': title,
  });
  chart.append(svg('title', {}, title));
  for (const [i, a] of lines.answers.entries()) {
    const y = i * rowHeight + 2;
    const value = Math.min(100, Math.max(0, Number(a.percentOfVotesCast ?? '0')));
    chart.append(
      svg('text', { x: '0', y: String(y + 12), class: 'chart-label' }, a.answer),
      svg('rect', { x: '0', y: String(y + 15), width: '300', height: '9', class: 'chart-track' }),
      svg('rect', {
        x: '0',
        y: String(y + 15),
        width: String((value * 3).toFixed(1)),
        height: '9',
        class: a.blank ? 'chart-fill chart-blank' : 'chart-fill',
      }),
      svg('text', { x: '306', y: String(y + 23), class: 'chart-value' }, percent(a.percentOfVotesCast)),
    );
  }
  return chart;
}

const answerName = (shell: Shell, answer: { answer: string; blank: boolean }) =>
  answer.blank ? shell.t.congressPages.result.blank : answer.answer;

function questionBlock(shell: Shell, report: Consolidation, lines: QuestionLines): HTMLElement {
  const t = shell.t.congressPages.result;
  const id = `result-q${lines.number}`;
  const named = lines.answers.map((a) => ({ ...a, answer: answerName(shell, a) }));
  const shown = { ...lines, answers: named };
  // Every box, those without figures too (annulled before counting, not published yet), with its status.
  const boxes = report.boxes;
  return h(
    'div',
    { class: 'consultation-question' },
    h('h3', { id }, lines.question),
    barChart(shown, t.chart(lines.question), t.percent),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.resultTable(lines.question) },
      h(
        'table',
        { class: 'result-table' },
        h('caption', { class: 'visually-hidden' }, lines.question),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.answer),
            h('th', { scope: 'col' }, t.count),
            h('th', { scope: 'col' }, t.ofCast),
            h('th', { scope: 'col' }, t.ofValid),
          ),
        ),
        h(
          'tbody',
          {},
          ...named.map((a) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, a.answer),
              h('td', {}, a.count),
              h('td', {}, t.percent(a.percentOfVotesCast)),
              h('td', {}, a.blank ? '—' : t.percent(a.percentOfValidVotes)),
            ),
          ),
        ),
      ),
    ),
    h('p', {}, t.validVotes(lines.validVotes)),
    h('h4', {}, t.perBox),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.perBoxTable(lines.question) },
      h(
        'table',
        { class: 'per-box' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.box),
            h('th', { scope: 'col' }, t.status),
            ...named.map((a) => h('th', { scope: 'col' }, a.answer)),
          ),
        ),
        h(
          'tbody',
          {},
          ...boxes.map((box) => {
            const q = box.presentation?.questions[lines.number - 1];
            return h(
              'tr',
              { class: box.status === 'counted' ? undefined : 'not-counted' },
              h('th', { scope: 'row' }, box.label),
              h('td', {}, shell.t.congressPages.boxes.status[box.status] ?? box.status),
              ...named.map((a) => h('td', {}, q?.answers[a.slot]?.count ?? '—')),
            );
          }),
          h(
            'tr',
            { class: 'total' },
            h('th', { scope: 'row' }, t.total),
            h('td', {}, ''),
            ...named.map((a) => h('td', {}, a.count)),
          ),
        ),
      ),
    ),
  );
}

/** The decision of the round (rule) or of the final round (most votes), once complete. */
function decisionText(shell: Shell, report: Consolidation): string | undefined {
  const t = shell.t.congressPages.result.decision;
  const decision = report.decision;
  const question = report.decisionQuestion ?? report.rule?.question ?? null;
  if (!decision || question === null) return undefined;
  const answers = report.questions[question]?.answers ?? [];
  const names = (indices: readonly number[]) => indices.map((i) => answers[i] ?? `#${i + 1}`).join(', ');
  switch (decision.kind) {
    case 'elected':
      return t.elected(answers[decision.winner] ?? `#${decision.winner + 1}`);
    case 'tie':
      return t.tie(names(decision.tied));
    case 'second-round':
      return t.second(names(decision.qualified));
    default:
      return t.noVotes;
  }
}

export function procesVerbalUrl(consultationId: string, language: Language): string {
  return `/admin/consultations/${encodeURIComponent(consultationId)}/proces-verbal?lang=${language}`;
}

export function resultCard(shell: Shell, report: Consolidation): HTMLElement {
  const t = shell.t.congressPages.result;
  const p = report.presentation;
  const api = consultationApi(report.consultation.id);
  const decision = decisionText(shell, report);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'result-heading', id: 'consolidated-result' },
    h('h2', { id: 'result-heading' }, t.heading),
    h(
      'p',
      { class: report.complete ? 'note' : 'warning', id: 'result-status' },
      report.complete ? t.complete : t.provisional,
    ),
    h('p', {}, t.counted(report.counted.boxes, report.counted.notVerifiable)),
    h('p', {}, t.turnout(p.weightCast, p.registeredWeight, t.percent(p.turnoutPercent))),
    decision ? h('p', { class: 'decision', id: 'result-decision' }, h('strong', {}, decision)) : null,
    ...p.questions.map((q) => questionBlock(shell, report, q)),
    h('h3', {}, t.exports),
    h(
      'ul',
      { class: 'links', 'aria-label': t.exports },
      h('li', {}, h('a', { href: `${api}/exports/result.csv` }, t.csv)),
      h('li', {}, h('a', { href: `${api}/exports/result.json` }, t.json)),
      h('li', {}, h('a', { href: procesVerbalUrl(report.consultation.id, 'fr'), hreflang: 'fr' }, t.pvFr)),
      h('li', {}, h('a', { href: procesVerbalUrl(report.consultation.id, 'en'), hreflang: 'en' }, t.pvEn)),
    ),
  );
}
