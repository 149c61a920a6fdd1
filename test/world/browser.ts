/**
 * The one browser helper of the tests: Chromium (launched headless), the built pages (dist/web,
 * which `npm test` builds first; built here when missing), axe-core run under the pages' own CSP, a
 * recorder of every answer the browser received (to search it for secrets), and the waits the
 * staff pages need. The server a page talks to is `startTestServer({ mode: 'listen' })` (./server.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  chromium,
  type Page,
  type Response,
} from 'playwright-core';
import { webRoot } from '../../src/server/routes/static.js';
import { buildWeb } from '../../src/web/build.js';
import { ROOT } from '../support/tools.js';

export const CHROMIUM = '/usr/bin/chromium';
export const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
let axeText: string | undefined;
const axeSource = () => (axeText ??= readFileSync(AXE, 'utf8'));

/** Whether the browser tests can run here: Chromium installed and the pages built. */
export const canRunBrowser = (...pages: string[]) =>
  existsSync(CHROMIUM) && pages.every((p) => existsSync(join(webRoot(), `${p}.html`)));

/** Builds the pages into dist/web unless `page` is there already (a tree where they were never built). */
export async function ensurePages(page: string): Promise<void> {
  if (!existsSync(join(webRoot(), `${page}.html`))) await buildWeb(webRoot());
}

export function artifactDir(name: string): string {
  const dir = join(ARTIFACTS, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface PageOptions {
  /** Viewport width (default 1100) and height (default 900). */
  readonly width?: number;
  readonly height?: number;
  /** Default en-GB. */
  readonly locale?: string;
  /** Playwright's default timeout for the page's actions, when given. */
  readonly timeout?: number;
}

/**
 * Chromium for one test file: each `page()` opens in a context of its own (its own cookies, as
 * another person's browser), downloads accepted; `close()` closes them all, then the browser.
 */
export class TestBrowser {
  private readonly contexts: BrowserContext[] = [];

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<TestBrowser> {
    return new TestBrowser(await launchChromium());
  }

  async page(options: PageOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
      locale: options.locale ?? 'en-GB',
      acceptDownloads: true,
    });
    this.contexts.push(context);
    const page = await context.newPage();
    if (options.timeout !== undefined) page.setDefaultTimeout(options.timeout);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}

/**
 * Notes in `problems` what the page reports going wrong: uncaught errors, and console errors but
 * those `expected` (by default Chromium's own favicon request, which the server does not serve).
 */
export function watchProblems(
  page: Page,
  problems: string[],
  expected: (message: ConsoleMessage) => boolean = (message) =>
    message.location().url.endsWith('/favicon.ico'),
): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message))
      problems.push(`${message.text()} ${message.location().url}`);
  });
}

/** Signs `account` in on the staff sign-in form the page shows (English, or French with `fr`). */
export async function signInOnPage(
  page: Page,
  account: { readonly email: string; readonly password: string },
  fr = false,
): Promise<void> {
  await page.getByLabel(fr ? 'Adresse électronique' : 'Email address').fill(account.email);
  await page.getByLabel(fr ? 'Mot de passe' : 'Password').fill(account.password);
  await page.getByRole('button', { name: fr ? 'Se connecter' : 'Sign in' }).click();
}

/** Signs a voter in on the booth's sign-in step (English, or French with `fr`). */
export async function signInToBooth(page: Page, login: string, password: string, fr = false): Promise<void> {
  await page.getByLabel(fr ? 'Identifiant' : 'Login', { exact: true }).fill(login);
  await page.getByLabel(fr ? 'Mot de passe' : 'Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: fr ? 'Se connecter' : 'Sign in' }).click();
}

/**
 * In the booth, the ballot filled in: reviews it, encrypts and casts it, and waits for the
 * confirmation (up to 60 s: the encryption and its proofs run in the page).
 */
export async function reviewAndCast(page: Page, fr = false): Promise<void> {
  await page.getByRole('button', { name: fr ? 'Vérifier mon vote' : 'Review my vote' }).click();
  await page
    .getByRole('button', { name: fr ? 'Chiffrer et déposer mon vote' : 'Encrypt and cast my vote' })
    .click();
  await page
    .getByRole('heading', { name: fr ? 'Votre vote a été déposé' : 'Your vote has been cast' })
    .waitFor({ timeout: 60_000 });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page as it is; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than a <script> tag: the pages' CSP (no inline
  // script) stays on while axe runs, as it is for users.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}

/** Readable summary of violations for assertion messages. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html).join(' | ')}`);

/** axe-core's violations on the page as it is, one readable line each: a test expects `[]`. */
export const axeProblems = async (page: Page): Promise<string[]> =>
  describeViolations(await axeViolations(page));

/** Records the text of every answer the page receives, to search it afterwards. */
export function recordAnswers(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response: Response) => {
    void response.text().then(
      (text) => bodies.push(`${response.url()}\n${text}`),
      () => undefined,
    );
  });
  return bodies;
}

/** expect.poll waits 1 s by default: too short for a scrypt sign-in on a busy machine. */
export const POLL = { timeout: 10_000, interval: 100 };

/**
 * Empties the page's status and alert lines. Call it right before an action whose announcement the
 * test then waits for: the previous action may have left the very same text ("Saved.", "3 boxes
 * moved."), and the staff pages write the new one a task after the click (a dialog resolves on its
 * `close` event), so a poll started at once would read the old text and pass before the action ran.
 */
export async function clearAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const id of ['page-status', 'page-alert']) document.getElementById(id)?.replaceChildren();
  });
}
