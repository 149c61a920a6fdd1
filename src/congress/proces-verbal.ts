/**
 * The procès-verbal (official report) of a consultation as a printable HTML page, in French or
 * English: the consolidated result, every box with its channel, figures, sealed hashes and final
 * archive hashes, annulments with their reasons, paper boxes marked as not cryptographically
 * verifiable, the round decision and the links between rounds. Server-rendered, no script at all,
 * print CSS; every piece of text is escaped (names and reasons are typed by people). Numbers and
 * dates are written as the reader's language writes them (decimal comma, the consultation's time
 * zone): a secretary signs this page.
 */
import { escapeHtmlNumeric as escapeHtml } from '../core/html.js';
import { type Language, messagesFor } from '../i18n/index.js';
import { type ProcesVerbalMessages, procesVerbalMessages } from '../i18n/proces-verbal.js';
import type { BoxReport, ConsolidationReport, KeyHolder } from './consolidation.js';
import type { Presentation } from './presentation.js';
import { rulesSection } from './proces-verbal-seats.js';

export type PvLanguage = Language;
type Labels = ProcesVerbalMessages;

/** Where the procès-verbal of another round is read (the API route by default). */
export type PvLink = (consultationId: string, language: PvLanguage) => string;
const apiLink: PvLink = (id, language) => `/api/v1/consultations/${id}/proces-verbal.html?lang=${language}`;

/** A whole number as the language writes it (digit groups: "1 234" in French, "1,234" in English). */
export function formatCount(value: string | number, language: PvLanguage): string {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) return text;
  return BigInt(text).toLocaleString(messagesFor(language).format.locale);
}

/** A percentage string with two decimals ("50.00") with the language's decimal separator. */
export function formatPercent(value: string | null, language: PvLanguage): string {
  if (value === null) return '–';
  const { format } = messagesFor(language);
  return format.percent(format.decimal(value));
}

/** An instant in the consultation's time zone, with the zone named; the text as is if not a date. */
export function formatInstant(iso: string, language: PvLanguage, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(messagesFor(language).format.locale, {
      dateStyle: 'long',
      timeStyle: 'long',
      timeZone,
    }).format(date);
  } catch {
    return iso;
  }
}

const CSS = `
body{font-family:Georgia,serif;margin:2rem;color:#000;background:#fff;line-height:1.4}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #444;padding:.2rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.8rem;word-break:break-all}
.warn{font-weight:bold;border:2px solid #000;padding:.3rem .6rem;display:inline-block}
.box{break-inside:avoid;border-top:1px solid #888;margin-top:1rem}
.signers{display:flex;flex-wrap:wrap;gap:2rem}
.signer{width:16rem}
.sign{height:4rem;border-bottom:1px solid #000;display:block}
.hint{font-size:.8rem}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
table,.signer{break-inside:avoid}
.key-server{font-weight:bold}
@media print{body{margin:0}a{color:#000;text-decoration:none}.box{page-break-inside:auto}}
`;

/**
 * Print: a running header (the consultation and round) and "Page n / N" in the page margins (CSS
 * paged media, printed by Chromium and Firefox); the text is escaped for CSS (quotes, backslashes, line ends, and angle brackets so no "</style>").
 */
function printCss(header: string, page: string): string {
  const css = (text: string) =>
    `"${text.replace(/[\\"\n\r<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
  return `@page{size:A4;margin:2cm 1.5cm;@top-center{content:${css(header)};font:9pt Helvetica,Arial,sans-serif}@bottom-right{content:${css(`${page} `)} counter(page) " / " counter(pages);font:9pt Helvetica,Arial,sans-serif}}`;
}

/** `level`: the heading level of the questions, one below the section holding the table. */
export function figuresTable(
  p: Presentation,
  l: Labels,
  language: PvLanguage,
  level: 3 | 4,
  base?: { question: number; column: 'cast' | 'valid' },
): string {
  const mark = (q: number, column: 'cast' | 'valid') =>
    base && base.question === q - 1 && base.column === column
      ? ` <abbr title="${l.ruleBase}" class="rule-base">*</abbr>`
      : '';
  const n = (value: string | number) => escapeHtml(formatCount(value, language));
  const pc = (value: string | null) => escapeHtml(formatPercent(value, language));
  const head = `<table><tbody>
<tr><th>${l.registered}</th><td class="n">${n(p.registeredVoters)}</td><th>${l.ballots}</th><td class="n">${n(p.ballotsCounted)}</td></tr>
<tr><th>${l.registeredWeight}</th><td class="n">${n(p.registeredWeight)}</td><th>${l.weightCast}</th><td class="n">${n(p.weightCast)}</td></tr>
<tr><th>${l.turnout}</th><td class="n">${pc(p.turnoutPercent)}</td><td></td><td></td></tr>
</tbody></table>`;
  const questions = p.questions
    .map(
      (q) => `<h${level}>${q.number}. ${escapeHtml(q.question)}</h${level}>
<table><thead><tr><th>${l.answer}</th><th>${l.count}</th><th>${l.ofCast}${mark(q.number, 'cast')}</th><th>${l.ofValid}${mark(q.number, 'valid')}</th><th>${l.ofRegistered}</th></tr></thead><tbody>
${q.answers
  .map(
    (a) =>
      `<tr><td>${a.blank ? l.blank : escapeHtml(a.answer)}</td><td class="n">${n(a.count)}</td><td class="n">${pc(a.percentOfVotesCast)}</td><td class="n">${pc(a.percentOfValidVotes)}</td><td class="n">${pc(a.percentOfRegistered)}</td></tr>`,
  )
  .join('\n')}
<tr><th>${l.valid}</th><td class="n">${n(q.validVotes)}</td><td></td><td></td><td></td></tr>
</tbody></table>${
        base && base.question === q.number - 1
          ? `<p class="hint">${l.ruleBaseNote(base.column === 'cast' ? l.ofCast : l.ofValid)}</p>`
          : ''
      }`,
    )
    .join('\n');
  return head + questions;
}

function boxSection(
  box: BoxReport,
  labels: ReadonlyMap<string, string>,
  l: Labels,
  language: PvLanguage,
  timeZone: string | undefined,
): string {
  const when = (iso: string) => escapeHtml(formatInstant(iso, language, timeZone));
  const named = (id: string) => `${escapeHtml(labels.get(id) ?? id)} <small>(${escapeHtml(id)})</small>`;
  const rows: string[] = [
    `<tr><th>${l.channel}</th><td>${box.channel === 'online' ? l.online : `${l.paper} — <strong>${l.notVerifiable}</strong>`}</td></tr>`,
  ];
  if (box.electionId)
    rows.push(`<tr><th>${l.electionId}</th><td><code>${escapeHtml(box.electionId)}.bel</code></td></tr>`);
  if (box.keyHolders && box.keyHolders.length > 0)
    rows.push(`<tr><th>${l.keyMode}</th><td>${keyModeText(box.keyHolders, l)}</td></tr>`);
  if (box.channel === 'online')
    rows.push(`<tr><th>${l.archive}</th><td>${l.archiveState[box.status]}</td></tr>`);
  if (box.sealed)
    rows.push(
      `<tr><th>${l.sealed}</th><td><code>${escapeHtml(box.sealed.election)}</code><br><code>${escapeHtml(box.sealed.trustees)}</code><br><code>${escapeHtml(box.sealed.credentials)}</code></td></tr>`,
    );
  if (box.archive)
    rows.push(
      `<tr><th>${l.finalHash}</th><td><code>${escapeHtml(box.archive.finalHash)}</code> (${l.events(box.archive.height)})</td></tr>`,
      `<tr><th>${l.archiveSha}</th><td><code>${escapeHtml(box.archive.sha256)}</code></td></tr>`,
    );
  if (box.paper)
    rows.push(
      `<tr><th>${l.enteredBy}</th><td>${escapeHtml(box.paper.enteredBy)} (${when(box.paper.enteredAt)})</td></tr>`,
      `<tr><th>${l.report}</th><td>${escapeHtml(box.paper.reportName)} <code>${escapeHtml(box.paper.reportSha256)}</code></td></tr>`,
    );
  if (box.annulment)
    rows.push(
      `<tr><th>${l.annulled}</th><td>${when(box.annulment.at)} — ${escapeHtml(box.annulment.reason)}</td></tr>`,
    );
  if (box.replaces) rows.push(`<tr><th>${l.replaces}</th><td>${named(box.replaces)}</td></tr>`);
  if (box.replacedBy) rows.push(`<tr><th>${l.replacedBy}</th><td>${named(box.replacedBy)}</td></tr>`);
  // Issue 15: every per-voter change of the roll after credentials were issued, with the logins.
  if (box.rollChanges)
    rows.push(
      `<tr><th>${l.rollChanges}</th><td id="roll-changes-${escapeHtml(box.id)}">${escapeHtml(formatCount(box.rollChanges.count, language))}${box.rollChanges.logins.length > 0 ? ` — ${box.rollChanges.logins.map(escapeHtml).join(', ')}` : ''}</td></tr>`,
    );
  // Issue 17: proxies in force, counted (the names are on the sign-in list for scrutineers).
  if (box.proxies) {
    const pv = messagesFor(language).proxies.pv;
    rows.push(
      `<tr><th>${escapeHtml(pv.heading)}</th><td id="proxies-${escapeHtml(box.id)}">${escapeHtml(pv.line(box.proxies.inForce, box.proxies.holders, box.proxies.maxPerHolder))}</td></tr>`,
    );
  }
  return `<section class="box" id="box-${escapeHtml(box.id)}">
<h3>${l.box} ${escapeHtml(box.label)}${box.electionId ? ` — <code class="election-id">${escapeHtml(box.electionId)}</code>` : ` <small>(${escapeHtml(box.id)})</small>`} — ${l.status[box.status]}</h3>
${box.channel === 'paper' ? `<p class="warn">${l.notVerifiable}</p>` : ''}
<table><tbody>${rows.join('\n')}</tbody></table>
${box.presentation ? figuresTable(box.presentation, l, language, 4) : ''}
</section>`;
}

/** Who holds the key, the server's own key flagged as the weakest mode. */
function keyModeText(holders: readonly KeyHolder[], l: Labels): string {
  const names = (list: readonly string[]) => list.map(escapeHtml).join(', ');
  const parts: string[] = [];
  if (holders.some((k) => k.kind === 'server'))
    parts.push(`<strong class="key-server">${l.keyServer}</strong>`);
  const singles = holders.filter((k) => k.kind === 'single').flatMap((k) => k.names);
  if (singles.length > 0) parts.push(l.keySingle(names(singles)));
  for (const group of holders.filter((k) => k.kind === 'pedersen'))
    parts.push(l.keyThreshold(group.threshold ?? group.names.length, group.names.length, names(group.names)));
  return parts.join('; ');
}

/** One signature line per role: the chair and secretary, every scrutineer and every trustee by name. */
function signaturesSection(report: ConsolidationReport, l: Labels): string {
  const unique = (list: readonly string[]) => [...new Set(list)];
  const scrutineers = unique(report.boxes.flatMap((b) => b.scrutineers ?? []));
  const trustees = unique(
    report.boxes.flatMap((b) =>
      (b.keyHolders ?? []).filter((k) => k.kind !== 'server').flatMap((k) => k.names),
    ),
  );
  const signers = [
    ...l.signers,
    ...(scrutineers.length > 0
      ? scrutineers.map((n) => l.scrutineerSigner(escapeHtml(n)))
      : [l.anyScrutineer]),
    ...trustees.map((n) => l.trusteeSigner(escapeHtml(n))),
  ];
  return `<section class="signatures"><h2>${l.signatures}</h2>
<div class="signers">${signers.map((who) => `<p class="signer">${who}<span class="sign"></span><span class="hint">${l.signHint}</span></p>`).join('')}</div></section>`;
}

export function decisionText(report: ConsolidationReport, l: Labels, language: PvLanguage): string {
  const d = report.decision;
  const question = report.decisionQuestion ?? report.rule?.question;
  if (!d || question === undefined || question === null) return '';
  const answers = report.questions[question]!.answers;
  const names = (list: readonly number[]) => list.map((i) => escapeHtml(answers[i]!)).join(', ');
  let text: string;
  switch (d.kind) {
    case 'elected': {
      const name = escapeHtml(answers[d.winner]!);
      text =
        d.reason === 'majority'
          ? l.elected(name, majorityText(report.rule?.majorityPercent ?? 50, language))
          : d.reason === 'most-votes'
            ? l.electedMost(name)
            : l.electedOnly(name);
      break;
    }
    case 'second-round':
      text = `${l.secondRound(names(d.qualified))}${d.tiedAtThreshold.length > 0 ? ` ${l.tied(names(d.tiedAtThreshold))}` : ''}`;
      break;
    case 'tie':
      text = l.tie(names(d.tied));
      break;
    case 'no-votes':
      text = l.noVotes;
  }
  return `<h2>${l.decision}</h2><p>${text}</p>`;
}

/** The rule's majority threshold as people write it: "50 %", "33,5 %". */
function majorityText(percent: number, language: PvLanguage): string {
  return formatPercent(String(percent), language);
}

function roundsSection(report: ConsolidationReport, l: Labels, language: PvLanguage, link: PvLink): string {
  const { previousId, nextId, round } = report.consultation;
  const items = [
    ...(previousId
      ? [`<li><a href="${escapeHtml(link(previousId, language))}">${l.previousRound(round - 1)}</a></li>`]
      : []),
    ...(nextId
      ? [`<li><a href="${escapeHtml(link(nextId, language))}">${l.nextRound(round + 1)}</a></li>`]
      : []),
  ];
  return items.length === 0 ? '' : `<h2>${l.rounds}</h2><ul>${items.join('')}</ul>`;
}

/** The notes in the report's language, from the boxes themselves (not the English notes of the JSON). */
function notesSection(report: ConsolidationReport, l: Labels): string {
  const notes = [
    ...report.boxes
      .filter((b) => b.status === 'annulled')
      .map((b) => l.annulledNote(escapeHtml(b.label), escapeHtml(b.annulment!.reason))),
    ...(report.counted.notVerifiable > 0 ? [l.paperNote(report.counted.notVerifiable)] : []),
  ];
  return notes.length === 0
    ? ''
    : `<h2>${l.notes}</h2><ul>${notes.map((n) => `<li>${n}</li>`).join('')}</ul>`;
}

/** The column the round rule computes on: votes cast when blank votes count, else valid votes. */
export function ruleBase(
  report: ConsolidationReport,
): { question: number; column: 'cast' | 'valid' } | undefined {
  const rule = report.rule;
  if (!rule) return undefined;
  return { question: rule.question, column: rule.blankVotes === 'counted' ? 'cast' : 'valid' };
}

export function renderProcesVerbal(
  report: ConsolidationReport,
  language: PvLanguage,
  generatedAt: string,
  link: PvLink = apiLink,
): string {
  const l = procesVerbalMessages(language);
  const timeZone = report.consultation.timeZone;
  const labels = new Map(report.boxes.map((b) => [b.id, b.label]));
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${l.title} — ${escapeHtml(report.consultation.name)}</title>
<style>${CSS}${printCss(`${l.title} — ${report.consultation.name} — ${l.round(report.consultation.round)}`, l.page)}</style>
</head>
<body>
<header>
<h1>${l.title}</h1>
<p><strong>${escapeHtml(report.consultation.name)}</strong> — ${l.round(report.consultation.round)} — <code>${escapeHtml(report.consultation.id)}</code></p>
<p>${l.generated} <time datetime="${escapeHtml(generatedAt)}">${escapeHtml(formatInstant(generatedAt, language, timeZone))}</time></p>
${report.complete ? '' : `<p class="warn">${l.provisional}</p>`}
</header>
<main>
<h2>${l.consolidated}</h2>
${figuresTable(report.presentation, l, language, 3, ruleBase(report))}
${decisionText(report, l, language)}
${rulesSection(report.rules, language)}
${roundsSection(report, l, language, link)}
${notesSection(report, l)}
<h2>${l.boxes}</h2>
${report.boxes.map((b) => boxSection(b, labels, l, language, timeZone)).join('\n')}
${signaturesSection(report, l)}
</main>
</body>
</html>
`;
}
