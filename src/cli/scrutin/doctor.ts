/**
 * `scrutin doctor`: is this installation ready to hold a real election? One line per check, a
 * verdict, and exit code 0 only when every required check passes: the store answers, its schema is
 * current, and mail can leave (SMTP_URL set and the server answering nodemailer's `verify()`:
 * without it credentials cannot reach voters). The base URL and belenios-tool lines inform only.
 * Nothing is changed (the store is not migrated, a missing SQLite file is not created) and nothing
 * secret is printed: SMTP_URL is shown without its password or query.
 */
import nodemailer from 'nodemailer';
import { openRaw, pendingMigrations, unknownMigrations } from '../../store/raw-store.js';
import { cliMessages } from './messages.js';

type Status = 'pass' | 'fail' | 'warn';

interface Check {
  status: Status;
  text: string;
}

/** How long each network check may take before it counts as unreachable. */
const TIMEOUT_MS = 5000;

/** SMTP_URL for display: the password and any query parameters replaced, host and user kept. */
export function redactSmtpUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    url.search = url.search === '' ? '' : '?…';
    return url.toString();
  } catch {
    return '(unparsable)';
  }
}

export async function doctor(env: NodeJS.ProcessEnv, baseUrl: string | undefined): Promise<number> {
  const messages = cliMessages(env).doctor;
  const checks: Check[] = [];

  try {
    const store = await openRaw(env.DATABASE_URL, { mustExist: true });
    try {
      const pending = await pendingMigrations(store);
      const unknown = await unknownMigrations(store);
      checks.push({ status: 'pass', text: messages.storeOk(store.dialect) });
      if (unknown.length > 0)
        checks.push({ status: 'fail', text: messages.migrationsNewer(unknown.join(', ')) });
      else if (pending.length > 0)
        checks.push({ status: 'fail', text: messages.migrationsPending(pending.join(', ')) });
      else checks.push({ status: 'pass', text: messages.migrationsCurrent });
    } finally {
      await store.close();
    }
  } catch (error) {
    checks.push({ status: 'fail', text: messages.storeFail(problemOf(error, env.DATABASE_URL)) });
    checks.push({ status: 'fail', text: messages.migrationsUnknown });
  }

  checks.push(await smtpCheck(env.SMTP_URL, messages));

  if (baseUrl === undefined || baseUrl.trim() === '')
    checks.push({ status: 'warn', text: messages.baseUnset });
  else if (!URL.canParse(baseUrl)) checks.push({ status: 'warn', text: messages.baseBad(baseUrl) });
  else if (/^https:/i.test(baseUrl)) checks.push({ status: 'pass', text: messages.baseHttps(baseUrl) });
  else checks.push({ status: 'warn', text: messages.baseHttp(baseUrl) });

  checks.push({ status: 'pass', text: messages.belenios });

  const width = Math.max(messages.pass.length, messages.fail.length, messages.warn.length);
  for (const check of checks)
    process.stdout.write(`${messages[check.status].padEnd(width)}  ${check.text}\n`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  process.stdout.write(`${failed === 0 ? messages.verdictOk : messages.verdictFail(failed)}\n`);
  return failed === 0 ? 0 : 1;
}

async function smtpCheck(
  raw: string | undefined,
  messages: ReturnType<typeof cliMessages>['doctor'],
): Promise<Check> {
  if (raw === undefined || raw.trim() === '') return { status: 'fail', text: messages.smtpUnset };
  if (!URL.canParse(raw) || !/^smtps?:$/i.test(new URL(raw).protocol))
    return { status: 'fail', text: messages.smtpBad };
  const shown = redactSmtpUrl(raw);
  const transporter = nodemailer.createTransport({
    url: raw,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    logger: false,
    debug: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transporter.verify();
    return { status: 'pass', text: messages.smtpOk(shown) };
  } catch (error) {
    // nodemailer's messages name the host and the SMTP reply, never the password; the URL is redacted anyway.
    const text = error instanceof Error ? error.message : String(error);
    return { status: 'fail', text: messages.smtpFail(shown, scrub(text, raw)) };
  } finally {
    transporter.close();
  }
}

function problemOf(error: unknown, databaseUrl: string | undefined): string {
  const text = error instanceof Error ? error.message : String(error);
  return scrub(text, databaseUrl);
}

/** Removes a URL's password from a message, should a driver have quoted it. */
function scrub(text: string, url: string | undefined): string {
  if (url === undefined || !URL.canParse(url)) return text;
  const password = decodeURIComponent(new URL(url).password);
  return password === '' ? text : text.replaceAll(password, '***');
}
