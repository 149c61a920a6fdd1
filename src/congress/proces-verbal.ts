/**
 * The procès-verbal (official report) of a consultation as a printable HTML page, in French or
 * English: the consolidated result, every box with its channel, figures, sealed hashes and final
 * archive hashes, annulments with their reasons, paper boxes marked as not cryptographically
 * verifiable, and the round decision. Server-rendered, no script at all, print CSS; every piece of
 * text is escaped (names and reasons are typed by people).
 */
import type { BoxReport, ConsolidationReport } from './consolidation.js';
import type { Presentation } from './presentation.js';

const LABELS = {
  en: {
    title: 'Official report (procès-verbal)',
    round: (n: number) => `Round ${n}`,
    provisional: 'PROVISIONAL: some boxes are not published yet.',
    consolidated: 'Consolidated result',
    boxes: 'Ballot boxes',
    box: 'Box',
    channel: 'Channel',
    online: 'online (Belenios archive, verified)',
    paper: 'paper / other channel',
    notVerifiable: 'not cryptographically verifiable',
    status: {
      counted: 'counted',
      annulled: 'annulled, excluded',
      pending: 'pending, not counted',
      unverified: 'does not verify, not counted',
    },
    registered: 'Registered voters',
    registeredWeight: 'Registered weight',
    ballots: 'Ballots counted',
    weightCast: 'Weight cast',
    turnout: 'Turnout (weight)',
    answer: 'Answer',
    count: 'Votes',
    ofCast: '% of votes cast',
    ofValid: '% of valid votes',
    ofRegistered: '% of registered',
    blank: 'Blank',
    valid: 'Valid votes',
    sealed: 'Sealed hashes (election / trustees / credentials)',
    finalHash: 'Final archive event hash',
    archiveSha: 'Archive file SHA-256',
    enteredBy: 'Entered by',
    report: 'Attached report (SHA-256)',
    annulled: 'Annulment',
    replaces: 'Re-run of box',
    replacedBy: 'Replaced by box',
    decision: 'Decision',
    elected: (name: string) => `Elected: ${name}.`,
    secondRound: (names: string) => `Qualified for the second round: ${names}.`,
    tied: (names: string) => `Qualified by a tie at the threshold: ${names}.`,
    noVotes: 'No votes: no decision.',
    notes: 'Notes',
    annulledNote: (box: string, reason: string) =>
      `Box ${box} is annulled and excluded from the consolidated result: ${reason}`,
    paperNote: (n: number) => `${n} counted box(es) entered by hand: not cryptographically verifiable.`,
    signatures: 'Signatures',
  },
  fr: {
    title: 'Procès-verbal',
    round: (n: number) => `Tour ${n}`,
    provisional: 'PROVISOIRE : certaines urnes ne sont pas encore publiées.',
    consolidated: 'Résultat consolidé',
    boxes: 'Urnes',
    box: 'Urne',
    channel: 'Canal',
    online: 'en ligne (archive Belenios vérifiée)',
    paper: 'papier / autre canal',
    notVerifiable: 'non vérifiable cryptographiquement',
    status: {
      counted: 'comptée',
      annulled: 'annulée, exclue',
      pending: 'en attente, non comptée',
      unverified: 'ne se vérifie pas, non comptée',
    },
    registered: 'Inscrits',
    registeredWeight: 'Poids des inscrits',
    ballots: 'Bulletins comptés',
    weightCast: 'Poids exprimé',
    turnout: 'Participation (poids)',
    answer: 'Réponse',
    count: 'Voix',
    ofCast: '% des votants',
    ofValid: '% des suffrages exprimés',
    ofRegistered: '% des inscrits',
    blank: 'Blancs',
    valid: 'Suffrages exprimés',
    sealed: 'Empreintes scellées (élection / assesseurs / codes)',
    finalHash: "Empreinte du dernier événement de l'archive",
    archiveSha: "SHA-256 du fichier d'archive",
    enteredBy: 'Saisi par',
    report: 'Procès-verbal joint (SHA-256)',
    annulled: 'Annulation',
    replaces: "Nouveau vote de l'urne",
    replacedBy: "Remplacée par l'urne",
    decision: 'Décision',
    elected: (name: string) => `Élu·e : ${name}.`,
    secondRound: (names: string) => `Qualifié·es pour le second tour : ${names}.`,
    tied: (names: string) => `Qualifié·es par égalité au seuil : ${names}.`,
    noVotes: 'Aucune voix : pas de décision.',
    notes: 'Observations',
    annulledNote: (box: string, reason: string) =>
      `L'urne ${box} est annulée et exclue du résultat consolidé : ${reason}`,
    paperNote: (n: number) =>
      `${n} urne(s) comptée(s) saisie(s) à la main : non vérifiable(s) cryptographiquement.`,
    signatures: 'Signatures',
  },
} as const;

export type PvLanguage = keyof typeof LABELS;

const escapeHtml = (text: string | number) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const CSS = `
body{font-family:Georgia,serif;margin:2rem;color:#000;background:#fff;line-height:1.4}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #444;padding:.2rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.8rem;word-break:break-all}
.warn{font-weight:bold;border:2px solid #000;padding:.3rem .6rem;display:inline-block}
.box{break-inside:avoid;border-top:1px solid #888;margin-top:1rem}
.sign{height:4rem;border-bottom:1px solid #000;width:18rem;display:inline-block;margin-right:2rem}
@media print{body{margin:1cm}a{color:#000;text-decoration:none}.box{page-break-inside:avoid}}
`;

function figuresTable(p: Presentation, l: (typeof LABELS)[PvLanguage]): string {
  const head = `<table><tbody>
<tr><th>${l.registered}</th><td class="n">${p.registeredVoters}</td><th>${l.ballots}</th><td class="n">${p.ballotsCounted}</td></tr>
<tr><th>${l.registeredWeight}</th><td class="n">${escapeHtml(p.registeredWeight)}</td><th>${l.weightCast}</th><td class="n">${escapeHtml(p.weightCast)}</td></tr>
<tr><th>${l.turnout}</th><td class="n">${escapeHtml(p.turnoutPercent ?? '–')} %</td><td></td><td></td></tr>
</tbody></table>`;
  const questions = p.questions
    .map(
      (q) => `<h4>${q.number}. ${escapeHtml(q.question)}</h4>
<table><thead><tr><th>${l.answer}</th><th>${l.count}</th><th>${l.ofCast}</th><th>${l.ofValid}</th><th>${l.ofRegistered}</th></tr></thead><tbody>
${q.answers
  .map(
    (a) =>
      `<tr><td>${a.blank ? l.blank : escapeHtml(a.answer)}</td><td class="n">${escapeHtml(a.count)}</td><td class="n">${escapeHtml(a.percentOfVotesCast ?? '–')}</td><td class="n">${escapeHtml(a.percentOfValidVotes ?? '–')}</td><td class="n">${escapeHtml(a.percentOfRegistered ?? '–')}</td></tr>`,
  )
  .join('\n')}
<tr><th>${l.valid}</th><td class="n">${escapeHtml(q.validVotes)}</td><td></td><td></td><td></td></tr>
</tbody></table>`,
    )
    .join('\n');
  return head + questions;
}

function boxSection(box: BoxReport, l: (typeof LABELS)[PvLanguage]): string {
  const rows: string[] = [
    `<tr><th>${l.channel}</th><td>${box.channel === 'online' ? l.online : `${l.paper} — <strong>${l.notVerifiable}</strong>`}</td></tr>`,
  ];
  if (box.sealed)
    rows.push(
      `<tr><th>${l.sealed}</th><td><code>${escapeHtml(box.sealed.election)}</code><br><code>${escapeHtml(box.sealed.trustees)}</code><br><code>${escapeHtml(box.sealed.credentials)}</code></td></tr>`,
    );
  if (box.archive)
    rows.push(
      `<tr><th>${l.finalHash}</th><td><code>${escapeHtml(box.archive.finalHash)}</code> (height ${box.archive.height})</td></tr>`,
      `<tr><th>${l.archiveSha}</th><td><code>${escapeHtml(box.archive.sha256)}</code></td></tr>`,
    );
  if (box.paper)
    rows.push(
      `<tr><th>${l.enteredBy}</th><td>${escapeHtml(box.paper.enteredBy)} (${escapeHtml(box.paper.enteredAt)})</td></tr>`,
      `<tr><th>${l.report}</th><td>${escapeHtml(box.paper.reportName)} <code>${escapeHtml(box.paper.reportSha256)}</code></td></tr>`,
    );
  if (box.annulment)
    rows.push(
      `<tr><th>${l.annulled}</th><td>${escapeHtml(box.annulment.at)} — ${escapeHtml(box.annulment.reason)}</td></tr>`,
    );
  if (box.replaces) rows.push(`<tr><th>${l.replaces}</th><td>${escapeHtml(box.replaces)}</td></tr>`);
  if (box.replacedBy) rows.push(`<tr><th>${l.replacedBy}</th><td>${escapeHtml(box.replacedBy)}</td></tr>`);
  return `<section class="box" id="box-${escapeHtml(box.id)}">
<h3>${l.box} ${escapeHtml(box.label)} <small>(${escapeHtml(box.id)})</small> — ${l.status[box.status]}</h3>
${box.channel === 'paper' ? `<p class="warn">${l.notVerifiable}</p>` : ''}
<table><tbody>${rows.join('\n')}</tbody></table>
${box.presentation ? figuresTable(box.presentation, l) : ''}
</section>`;
}

function decisionText(report: ConsolidationReport, l: (typeof LABELS)[PvLanguage]): string {
  const d = report.decision;
  if (!d || !report.rule) return '';
  const answers = report.questions[report.rule.question]!.answers;
  const names = (list: readonly number[]) => list.map((i) => escapeHtml(answers[i]!)).join(', ');
  const text =
    d.kind === 'elected'
      ? l.elected(escapeHtml(answers[d.winner]!))
      : d.kind === 'second-round'
        ? `${l.secondRound(names(d.qualified))}${d.tiedAtThreshold.length > 0 ? ` ${l.tied(names(d.tiedAtThreshold))}` : ''}`
        : l.noVotes;
  return `<h2>${l.decision}</h2><p>${text}</p>`;
}

/** The notes in the report's language, from the boxes themselves (not the English notes of the JSON). */
function notesSection(report: ConsolidationReport, l: (typeof LABELS)[PvLanguage]): string {
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

export function renderProcesVerbal(
  report: ConsolidationReport,
  language: PvLanguage,
  generatedAt: string,
): string {
  const l = LABELS[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${l.title} — ${escapeHtml(report.consultation.name)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${l.title}</h1>
<p><strong>${escapeHtml(report.consultation.name)}</strong> — ${l.round(report.consultation.round)} — <code>${escapeHtml(report.consultation.id)}</code></p>
<p><time datetime="${escapeHtml(generatedAt)}">${escapeHtml(generatedAt)}</time></p>
${report.complete ? '' : `<p class="warn">${l.provisional}</p>`}
</header>
<main>
<h2>${l.consolidated}</h2>
${figuresTable(report.presentation, l)}
${decisionText(report, l)}
${notesSection(report, l)}
<h2>${l.boxes}</h2>
${report.boxes.map((b) => boxSection(b, l)).join('\n')}
<h2>${l.signatures}</h2>
<p><span class="sign"></span><span class="sign"></span></p>
</main>
</body>
</html>
`;
}
