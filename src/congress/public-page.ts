/**
 * The public page of a consultation (/consultations/:id, issue #16 point 6), server-rendered like
 * the procès-verbal and with no script: the round and its rule, the consolidated result and the
 * decision once every box is counted or annulled, every box as a card (its state, the links to its
 * own public page and archive, an annulment's reason, a paper box marked not verifiable), the links
 * to the other rounds and to the procès-verbal. Before the round is complete it shows the boxes and
 * says when the result comes; figures stay private until then, as the API keeps them.
 */
import { escapeHtmlNumeric as escapeHtml } from '../core/html.js';
import { type Language, messagesFor } from '../i18n/index.js';
import { procesVerbalMessages } from '../i18n/proces-verbal.js';
import type { ConsolidationReport } from './consolidation.js';
import { decisionText, figuresTable, formatPercent, ruleBase } from './proces-verbal.js';

export interface PublicPageLinks {
  readonly page: (consultationId: string, language: Language) => string;
  readonly procesVerbal: (consultationId: string, language: Language) => string;
  readonly box: (electionId: string) => string;
  readonly archive: (electionId: string) => string;
}

const CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#fff;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1,h2,h3,h4{line-height:1.2;break-after:avoid}
a{color:#1d4ed8}
.badge{display:inline-block;border:1px solid #1d4ed8;border-radius:1rem;padding:.1rem .6rem;font-weight:600}
.lang{text-align:right;margin:0}
.scroll{overflow-x:auto;border-left:3px solid #cbd5e1;padding-left:.5rem}
.scroll:focus{outline:2px solid #1d4ed8}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #94a3b8;padding:.25rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{word-break:break-all}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}
.card{border:1px solid #94a3b8;border-radius:.5rem;padding:.75rem}
.card h3{margin:0 0 .25rem}
.card li{margin:.5rem 0}
.card a,.lang a,#proces-verbal{display:inline-block;min-height:24px;padding:.15rem 0}
.warn{font-weight:600;color:#991b1b}
.hint{font-size:.9rem;color:#334155}
`;

/** The rule in the reader's words, as the admin's page writes it (or "final round"). */
function ruleText(report: ConsolidationReport, language: Language): string {
  const t = messagesFor(language).congressPages.header;
  const rule = report.rule;
  if (!rule) return t.noRule;
  const percent = (value: number) => formatPercent(value.toFixed(2).replace(/\.?0+$/, ''), language);
  return t.rule(
    rule.qualifying,
    percent(rule.majorityPercent ?? 50),
    rule.minimumPercent === null ? null : percent(rule.minimumPercent),
    rule.blankVotes === 'counted',
  );
}

export function renderConsultationPage(
  report: ConsolidationReport,
  language: Language,
  links: PublicPageLinks,
): string {
  const m = messagesFor(language);
  const t = m.congressPages.publicPage;
  const l = procesVerbalMessages(language);
  const { consultation } = report;
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const boxes = report.boxes.map((box) => {
    const items = [
      box.electionId
        ? `<li><a href="${escapeHtml(links.box(box.electionId))}">${t.boxPage(escapeHtml(box.label))}</a></li>`
        : '',
      box.electionId && box.archive
        ? `<li><a href="${escapeHtml(links.archive(box.electionId))}" download>${t.archive(escapeHtml(box.electionId))}</a></li>`
        : '',
    ].join('');
    return `<li class="card" id="box-${escapeHtml(box.id)}">
<h3>${escapeHtml(box.label)}</h3>
<p>${l.status[box.status]}${box.channel === 'paper' ? ` — <span class="warn">${l.notVerifiable}</span>` : ''}</p>
${box.annulment ? `<p class="warn">${t.annulled(escapeHtml(box.annulment.reason))}</p>` : ''}
${box.presentation && report.complete ? `<p>${t.ballots(box.presentation.ballotsCounted, box.presentation.registeredVoters)}</p>` : ''}
${items ? `<ul>${items}</ul>` : ''}
</li>`;
  });
  const rounds = [
    consultation.previousId
      ? `<li><a href="${escapeHtml(links.page(consultation.previousId, language))}">${t.round(consultation.round - 1)}</a></li>`
      : '',
    consultation.nextId
      ? `<li><a href="${escapeHtml(links.page(consultation.nextId, language))}">${t.round(consultation.round + 1)}</a></li>`
      : '',
  ].join('');
  const result = report.complete
    ? `<div class="scroll" role="region" tabindex="0" aria-label="${t.tableLabel}">${figuresTable(report.presentation, l, language, 3, ruleBase(report))}</div>
${decisionText(report, l, language)}`
    : `<p class="hint" id="not-complete">${t.notComplete}</p>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${escapeHtml(consultation.name)} — ${l.round(consultation.round)} — Scrutin</title>
<style>${CSS}</style>
</head>
<body>
<main>
<p class="lang"><a href="${escapeHtml(links.page(consultation.id, other))}" lang="${other}" hreflang="${other}">${messagesFor(other).language.name}</a></p>
<h1>${escapeHtml(consultation.name)}</h1>
<p><span class="badge" id="round">${l.round(consultation.round)}</span></p>
<p id="rule">${ruleText(report, language)}</p>
<h2>${report.complete ? l.consolidated : t.resultHeading}</h2>
${result}
${report.complete ? `<p><a id="proces-verbal" href="${escapeHtml(links.procesVerbal(consultation.id, language))}">${t.procesVerbal}</a></p>` : ''}
${rounds ? `<h2>${l.rounds}</h2><ul>${rounds}</ul>` : ''}
<h2>${l.boxes}</h2>
<ul class="cards" id="boxes">${boxes.join('\n')}</ul>
</main>
</body>
</html>
`;
}
