/**
 * The messages voters receive, in French or English (the voter's language, else the election's
 * default), as plain text and HTML with the same content. Texts come from the i18n catalogues'
 * `mail` section; every value that comes from an administrator or a roll (election name, voter name,
 * help contact) is HTML-escaped. A secret appears once in each body, and only in the message meant
 * to carry it; a password message is rendered with a placeholder that the sender replaces by the
 * password it generates at send time.
 */
import { escapeHtml } from '../core/html.js';
import { isLanguage, type Language, messagesFor } from '../i18n/index.js';

/** Stands for the password until the sender generates it (it cannot occur in a generated password). */
export const PASSWORD_PLACEHOLDER = '\u27e6password\u27e7';

export interface ElectionFacts {
  readonly id: string;
  readonly name: string;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly timeZone: string;
  readonly helpContact: string;
  readonly loginMode: 'password' | 'one-time-code';
  /** Voting has begun (a recovery or a correction mailed while the booth is open): no dates to announce. */
  readonly votingOpen?: boolean;
  /** The round of the consultation the election is a box of, when it is a later round (2, 3…). */
  readonly round?: number;
  /** A re-run box: the name of the annulled election it replaces (its credential mail says so). */
  readonly replacesAnnulled?: string;
}

/** The election's name as the voter reads it: a later round says so in the voter's language. */
function shownName(language: Language, election: ElectionFacts): string {
  const round = election.round;
  return round !== undefined && round > 1
    ? messagesFor(language).congressDefects.mail.roundName(election.name, round)
    : election.name;
}

export interface Recipient {
  readonly login: string;
  readonly displayName: string;
  readonly language: string;
}

export interface RenderedMessage {
  readonly language: Language;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export function messageLanguage(voterLanguage: string, electionDefault: string): Language {
  const voter = voterLanguage.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (isLanguage(voter)) return voter;
  return isLanguage(electionDefault) ? electionDefault : 'fr';
}

/** The booth of an election; a credential link carries the credential in the fragment, never sent to a server. */
export function boothUrl(baseUrl: string, electionId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/vote/${electionId}`;
}

export function credentialLink(baseUrl: string, electionId: string, credential: string): string {
  return `${boothUrl(baseUrl, electionId)}#credential=${credential}`;
}

/** A paragraph: plain text lines, or a labelled value shown prominently. */
type Block =
  | { kind: 'p'; text: string }
  | { kind: 'value'; label: string; value: string }
  | { kind: 'link'; text: string; url: string };

function render(language: Language, subject: string, blocks: readonly Block[]): RenderedMessage {
  // French typography puts a space before the colon.
  const { colon } = messagesFor(language).format;
  const text = blocks
    .map((b) =>
      b.kind === 'p' ? b.text : b.kind === 'value' ? `${b.label}${colon}${b.value}` : `${b.text}\n${b.url}`,
    )
    .join('\n\n');
  const body = blocks
    .map((b) =>
      b.kind === 'p'
        ? `<p>${escapeHtml(b.text)}</p>`
        : b.kind === 'value'
          ? `<p>${escapeHtml(b.label)}${colon.trimEnd()}<br><strong style="font-family:monospace;font-size:1.3em">${escapeHtml(b.value)}</strong></p>`
          : `<p>${escapeHtml(b.text)}<br><a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${body}\n</body></html>\n`;
  return { language, subject, text: `${text}\n`, html };
}

/** Formatters are costly to build (tens of microseconds to milliseconds): one per language and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();

function formatDate(iso: string | null, timeZone: string, language: Language): string | undefined {
  if (iso === null) return undefined;
  const key = `${language}|${timeZone}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(messagesFor(language).format.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  const cacheKey = `${key}|${iso}`;
  let text = formatted.get(cacheKey);
  if (text === undefined) {
    text = format.format(new Date(iso));
    // Every voter of an election shares its two dates: keep a bounded memo of the texts.
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(cacheKey, text);
  }
  return text;
}

function opening(language: Language, election: ElectionFacts, voter: Recipient): Block[] {
  const m = messagesFor(language).mail;
  return [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'p', text: m.voterIn(shownName(language, election)) },
    {
      kind: 'p',
      // A date not set yet is said in a sentence of its own ("will be announced"), never slotted in.
      text: election.votingOpen
        ? m.openNow(formatDate(election.closesAt, election.timeZone, language) ?? null)
        : m.dates(
            formatDate(election.opensAt, election.timeZone, language) ?? null,
            formatDate(election.closesAt, election.timeZone, language) ?? null,
          ),
    },
  ];
}

function closing(language: Language, election: ElectionFacts): Block[] {
  const m = messagesFor(language).mail;
  return [
    ...(election.helpContact ? [{ kind: 'p' as const, text: m.help(election.helpContact) }] : []),
    { kind: 'p', text: m.signature },
  ];
}

export function credentialMessage(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
  credential: string,
  recovery: boolean,
  replacesEarlier = false,
  /** A replacement credential: when the one it replaces was sent (null: not known). */
  replacement?: { readonly sentAt: string | null },
): RenderedMessage {
  const m = messagesFor(language).mail;
  const h = messagesFor(language).voterHelp.mail;
  const replacedOn =
    replacement === undefined ? undefined : formatDate(replacement.sentAt, election.timeZone, language);
  const replaces = [
    ...(replacesEarlier
      ? [{ kind: 'p' as const, text: messagesFor(language).roll.mail.replacesEarlier }]
      : []),
    ...(election.replacesAnnulled === undefined
      ? []
      : [
          {
            kind: 'p' as const,
            text: messagesFor(language).voterHelp.annulment.replacesAnnulled(election.replacesAnnulled),
          },
        ]),
    ...(replacement === undefined
      ? []
      : [
          {
            kind: 'p' as const,
            text: replacedOn === undefined ? h.replacesCredential : h.replacesCredentialOf(replacedOn),
          },
        ]),
  ];
  return render(
    language,
    (recovery ? m.credential.recoverySubject : m.credential.subject)(shownName(language, election)),
    [
      ...opening(language, election, voter),
      ...replaces,
      ...(recovery ? [{ kind: 'p' as const, text: m.credential.recoveryIntro }] : []),
      ...(recovery && replacesEarlier ? [{ kind: 'p' as const, text: m.credential.sameAtNewAddress }] : []),
      { kind: 'value', label: m.credential.label, value: credential },
      { kind: 'link', text: m.credential.link, url: credentialLink(baseUrl, election.id, credential) },
      { kind: 'p', text: m.login(voter.login) },
      {
        kind: 'p',
        text: election.loginMode === 'password' ? m.credential.passwordLater : m.credential.codeAtLogin,
      },
      { kind: 'p', text: m.credential.keep },
      ...(!election.votingOpen && (election.opensAt === null || !recovery)
        ? [{ kind: 'p' as const, text: m.credential.testAccess }]
        : []),
      ...closing(language, election),
    ],
  );
}

/**
 * Issue 17: to the holder of an accepted proxy, the giver's (new) credential, named as theirs, to be
 * used beside the holder's own; the giver is named by display name or login, never by address.
 */
export function proxyCredentialMessage(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  holder: Recipient,
  giver: Recipient,
  credential: string,
): RenderedMessage {
  const m = messagesFor(language).mail;
  const p = messagesFor(language).proxies.mail;
  const giverName = giver.displayName ? `${giver.displayName} (${giver.login})` : giver.login;
  return render(language, p.subject(shownName(language, election), giverName), [
    ...opening(language, election, holder),
    { kind: 'p', text: p.intro(giverName) },
    { kind: 'value', label: p.label(giverName), value: credential },
    { kind: 'link', text: m.credential.link, url: credentialLink(baseUrl, election.id, credential) },
    { kind: 'p', text: p.how },
    { kind: 'p', text: m.login(holder.login) },
    { kind: 'p', text: p.keep },
    ...closing(language, election),
  ]);
}

/** Rendered with PASSWORD_PLACEHOLDER; the sender substitutes the password it generates. */
export function passwordMessage(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
  replacesEarlier = false,
): RenderedMessage {
  const m = messagesFor(language).mail;
  return render(language, m.password.subject(shownName(language, election)), [
    ...opening(language, election, voter),
    ...(replacesEarlier
      ? [{ kind: 'p' as const, text: messagesFor(language).roll.mail.replacesEarlier }]
      : []),
    { kind: 'p', text: m.password.intro },
    { kind: 'p', text: m.login(voter.login) },
    { kind: 'value', label: m.password.label, value: PASSWORD_PLACEHOLDER },
    { kind: 'p', text: m.password.replaces },
    { kind: 'link', text: m.password.link, url: boothUrl(baseUrl, election.id) },
    ...closing(language, election),
  ]);
}

export function reminderMessage(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
): RenderedMessage {
  const m = messagesFor(language).mail;
  return render(language, m.reminder.subject(shownName(language, election)), [
    ...opening(language, election, voter),
    { kind: 'p', text: m.reminder.intro },
    { kind: 'p', text: m.login(voter.login) },
    { kind: 'p', text: m.reminder.codeAtLogin },
    { kind: 'link', text: m.reminder.link, url: boothUrl(baseUrl, election.id) },
    ...closing(language, election),
  ]);
}

/**
 * The notice to a voter's previous address that it was replaced (issue 15): what changed and when,
 * the new address masked, whom to contact, and that scrutineers observe the roll. No secret in it.
 */
export function rollChangeNotice(
  language: Language,
  election: ElectionFacts,
  voter: Recipient,
  change: { readonly from: string; readonly to: string; readonly at: string },
): RenderedMessage {
  const m = messagesFor(language).mail;
  const r = messagesFor(language).roll.mail;
  const when = formatDate(change.at, election.timeZone, language) ?? change.at;
  return render(language, r.noticeSubject(shownName(language, election)), [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'p', text: m.voterIn(shownName(language, election)) },
    { kind: 'p', text: m.login(voter.login) },
    { kind: 'p', text: r.addressChanged(change.from, change.to, when) },
    { kind: 'p', text: election.helpContact ? r.ifNotYou : r.noHelpContact },
    { kind: 'p', text: r.scrutineers },
    ...closing(language, election),
  ]);
}

/**
 * The recovery officer refused a voter's request for their credential (issue 16): said in the voter's
 * language, at the registered address, with who to contact; the credential sent earlier, if the voter
 * still has it, stays the valid one (no other exists).
 */
export function recoveryRefusedNotice(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
  requestedAt: string,
): RenderedMessage {
  const m = messagesFor(language).mail;
  const r = messagesFor(language).voterHelp.recoveryRefused;
  const when = formatDate(requestedAt, election.timeZone, language) ?? requestedAt;
  return render(language, r.subject(shownName(language, election)), [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'p', text: m.voterIn(shownName(language, election)) },
    { kind: 'p', text: m.login(voter.login) },
    { kind: 'p', text: r.refused(when) },
    { kind: 'p', text: r.stillValid },
    { kind: 'p', text: election.helpContact ? r.contact : r.noContact },
    { kind: 'link', text: r.link, url: boothUrl(baseUrl, election.id) },
    ...closing(language, election),
  ]);
}

export function codeMessage(
  language: Language,
  election: ElectionFacts,
  voter: Recipient,
  code: string,
  minutes: number,
): RenderedMessage {
  const m = messagesFor(language).mail;
  return render(language, m.code.subject(shownName(language, election)), [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'value', label: m.code.label, value: code },
    { kind: 'p', text: m.code.validity(minutes) },
    ...closing(language, election),
  ]);
}

/**
 * To a voter of an annulled box (issue 16): when and why it was annulled, that its ballots and
 * credential no longer count, and the voting page of the box that replaces it. No secret in it.
 */
export function annulmentNotice(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
  annulment: { readonly reason: string; readonly at: string; readonly rerunElectionId: string },
): RenderedMessage {
  const m = messagesFor(language).mail;
  const a = messagesFor(language).voterHelp.annulment;
  const name = shownName(language, election);
  const when = formatDate(annulment.at, election.timeZone, language) ?? annulment.at;
  return render(language, a.subject(name), [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'p', text: a.annulled(name, when) },
    { kind: 'value', label: a.reason, value: annulment.reason },
    { kind: 'p', text: a.notCounted },
    { kind: 'link', text: a.rerun, url: boothUrl(baseUrl, annulment.rerunElectionId) },
    { kind: 'p', text: m.login(voter.login) },
    ...closing(language, election),
  ]);
}

/** After a cast (when the election sends receipts): the tracker and where to check it; no secret. */
export function receiptMessage(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
  tracker: string,
  at: string,
): RenderedMessage {
  const m = messagesFor(language).mail;
  const r = messagesFor(language).voterHelp.receipt;
  const name = shownName(language, election);
  return render(language, r.subject(name), [
    { kind: 'p', text: m.greeting(voter.displayName || voter.login) },
    { kind: 'p', text: r.recorded(name, formatDate(at, election.timeZone, language) ?? at) },
    { kind: 'value', label: r.tracker, value: tracker },
    { kind: 'link', text: r.check, url: `${baseUrl.replace(/\/+$/, '')}/elections/${election.id}` },
    { kind: 'p', text: r.revote },
    { kind: 'p', text: r.notYou },
    ...closing(language, election),
  ]);
}

/** A message for the SMS channel: text only; the subject is kept for the status pages, not sent. */
export interface SmsMessage {
  readonly language: Language;
  readonly subject: string;
  readonly text: string;
  readonly html: null;
}

/** A short text for the SMS channel: the code and the election, nothing else. */
export function codeSms(
  language: Language,
  election: ElectionFacts,
  code: string,
  minutes: number,
): SmsMessage {
  const name = shownName(language, election);
  return {
    language,
    subject: messagesFor(language).mail.code.subject(name),
    text: messagesFor(language).voterHelp.sms.code(name, code, minutes),
    html: null,
  };
}

/** The password by SMS, rendered with PASSWORD_PLACEHOLDER like the mail (the sender substitutes it). */
export function passwordSms(
  language: Language,
  baseUrl: string,
  election: ElectionFacts,
  voter: Recipient,
): SmsMessage {
  const name = shownName(language, election);
  return {
    language,
    subject: messagesFor(language).mail.password.subject(name),
    text: messagesFor(language).voterHelp.sms.password(
      name,
      voter.login,
      PASSWORD_PLACEHOLDER,
      boothUrl(baseUrl, election.id),
    ),
    html: null,
  };
}
