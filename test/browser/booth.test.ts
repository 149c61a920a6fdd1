/**
 * The voting booth end to end, in a real Chromium: a small HTTP server serves the built booth and
 * the three voter routes for an election made with the core; two voters go through the whole flow
 * (English at 1280 px with pointer, French at 360 px with the keyboard only). The server checks
 * every ballot as the real one would (parseBallot + checkBallot, credential bound to the login) and
 * decrypts nothing. Asserts what the voter sees and what the network carries: the tracker shown is
 * the server's, and neither the credential nor the clear vote appears in any request.
 * Screenshots of each step go to test-artifacts/booth/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import { checkBallot } from '../../src/protocol/ballot.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { type ElectionContext, loadElection } from '../../src/protocol/election.js';
import type { HomomorphicQuestion } from '../../src/protocol/messages.js';
import {
  generateCredentials,
  generateToken,
  generateTrusteeKey,
  makeElection,
  makeTrustees,
  votersByCount,
} from '../../src/protocol/setup.js';
import { type ErrorCode, errorBody, preferredLanguage } from '../../src/server/errors.js';
import { buildWeb } from '../../src/web/build.js';
import { CHROMIUM, launchChromium } from '../world/browser.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/booth');

const QUESTIONS: HomomorphicQuestion[] = [
  {
    question: 'Who should chair the board?',
    answers: ['Alice Martin', 'Bastien Roy', 'Chloé Dubois'],
    min: 1,
    max: 1,
  },
  {
    question: 'Which projects should be funded?',
    answers: ['Library', 'Community garden', 'Swimming pool'],
    min: 1,
    max: 2,
    blank: true,
  },
];

interface Voter {
  readonly login: string;
  readonly password: string;
  readonly displayName: string;
  readonly credential: PrivateCredential;
  readonly publicCredential: bigint;
}

interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the test server knows: the election, who may vote, and what was cast. */
class TestBoard {
  readonly requests: CapturedRequest[] = [];
  readonly trackers = new Map<string, string>();
  /** Faults injected into the next ballot posts, one per post, in order. */
  readonly castFaults: ('end-sessions' | 'store-then-503')[] = [];
  private readonly sessions = new Map<string, { login: string; csrfToken: string }>();
  private server: Server | undefined;
  origin = '';

  constructor(
    readonly context: ElectionContext,
    readonly voters: readonly Voter[],
    private readonly webDir: string,
  ) {}

  get id(): string {
    return this.context.election.uuid;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const captured = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body,
        };
        this.requests.push(captured);
        this.handle(captured).then(
          ({ status, headers, body: answer }) => response.writeHead(status, headers).end(answer),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(
    request: CapturedRequest,
  ): Promise<{ status: number; headers: Record<string, string>; body: string | Buffer }> {
    const url = new URL(request.url, 'http://localhost');
    const language = preferredLanguage(request.headers['accept-language']);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
      body: JSON.stringify(value),
    });
    const fail = (code: ErrorCode, status: number) => json(status, errorBody(code, language));

    if (request.method === 'GET' && url.pathname === `/vote/${this.id}`) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          // The strictest policy the booth is meant to run under: no inline script or style at all.
          'content-security-policy':
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          'referrer-policy': 'no-referrer',
        },
        body: await readFile(path.join(this.webDir, 'booth.html')),
      };
    }
    const asset = /^\/assets\/(booth-[A-Z0-9]+\.(js|css)(\.map)?)$/.exec(url.pathname);
    if (request.method === 'GET' && asset) {
      const type = asset[3]
        ? 'application/json'
        : asset[2] === 'js'
          ? 'text/javascript; charset=utf-8'
          : 'text/css; charset=utf-8';
      return {
        status: 200,
        headers: { 'content-type': type },
        body: await readFile(path.join(this.webDir, asset[1]!)),
      };
    }
    if (url.pathname === '/favicon.ico') return { status: 204, headers: {}, body: '' };

    const api = `/api/v1/elections/${this.id}`;
    if (request.method === 'GET' && url.pathname === api) {
      const { election } = this.context;
      return json(200, {
        id: this.id,
        name: election.name,
        description: election.description,
        state: 'open',
        election: this.context.raw,
        closesAt: '2031-03-14T17:00:00Z',
        timeZone: 'Europe/Paris',
      });
    }
    if (request.method === 'POST' && url.pathname === `${api}/voter/login`) {
      const { login, password } = JSON.parse(request.body) as { login?: unknown; password?: unknown };
      const voter = this.voters.find((v) => v.login === login && v.password === password);
      if (!voter) return fail('SCR_BAD_CREDENTIALS', 401);
      const session = randomBytes(16).toString('hex');
      const csrfToken = randomBytes(16).toString('hex');
      this.sessions.set(session, { login: voter.login, csrfToken });
      return json(
        200,
        { voter: { login: voter.login, displayName: voter.displayName }, csrfToken },
        { 'set-cookie': `booth_session=${session}; HttpOnly; SameSite=Strict; Path=/` },
      );
    }
    if (request.method === 'POST' && url.pathname === `${api}/voter/ballots`) {
      const fault = this.castFaults.shift();
      if (fault === 'end-sessions') this.sessions.clear();
      const cookie = /(?:^|;\s*)booth_session=([0-9a-f]+)/.exec(request.headers.cookie ?? '')?.[1];
      const session = cookie === undefined ? undefined : this.sessions.get(cookie);
      if (!session) return fail('SCR_UNAUTHENTICATED', 401);
      if (request.headers['x-csrf-token'] !== session.csrfToken) return fail('SCR_CSRF', 403);
      const { ballot } = JSON.parse(request.body) as { ballot?: unknown };
      if (typeof ballot !== 'string') return fail('SCR_BAD_REQUEST', 400);
      const parsed = parseBallot(ballot);
      if (!parsed.ok) return fail('SCR_BALLOT_MALFORMED', 400);
      if (!checkBallot(this.context, parsed.ballot).ok) return fail('SCR_BALLOT_INVALID', 422);
      const voter = this.voters.find((v) => v.login === session.login)!;
      if (parsed.ballot.credential !== voter.publicCredential)
        return fail('SCR_BALLOT_WRONG_CREDENTIAL', 403);
      if ([...this.trackers.values()].includes(parsed.tracker)) return fail('SCR_BALLOT_DUPLICATE', 409);
      this.trackers.set(voter.login, parsed.tracker);
      // Stored, but the answer is lost: the booth cannot know, and must not cast a second ballot.
      if (fault === 'store-then-503')
        return json(503, { error: { code: 'SCR_INTERNAL', message: 'Internal error.' } });
      return json(201, { tracker: parsed.tracker });
    }
    return fail('SCR_NOT_FOUND', 404);
  }
}

function makeBoard(webDir: string): TestBoard {
  const group = requireGroup('BELENIOS-2048');
  const uuid = generateToken();
  const generated = generateCredentials(uuid, group, votersByCount(3));
  const publicByLogin = new Map(
    generated.publicWithLogins.map((line) => {
      const [credential, , login] = line.split(',');
      return [login!, BigInt(credential!)] as const;
    }),
  );
  const trustee = generateTrusteeKey(group);
  const made = makeElection(
    {
      name: 'Board election 2031',
      description: 'Annual general meeting of the Riverside Residents’ Association.',
      questions: QUESTIONS,
    },
    uuid,
    group,
    makeTrustees([trustee.publicKey]),
  );
  if (!made.ok) throw new Error(made.problem);
  const voters = generated.privateCredentials.map(({ voter, credential }) => ({
    login: voter.login,
    password: `correct horse ${voter.login}`,
    displayName: `Voter ${voter.login}`,
    credential,
    publicCredential: publicByLogin.get(voter.login)!,
  }));
  return new TestBoard(loadElection(made.raw), voters, webDir);
}

/** The same credential with its check character replaced: right format, wrong checksum. */
function withWrongChecksum(credential: string): string {
  const last = credential.at(-1)!;
  return credential.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** As Chromium issued them; the fragment of a navigation never goes on the wire, so it is cut. */
  readonly requests: { url: string; method: string; headers: Record<string, string>; body: string }[];
  readonly problems: string[];
}

async function openBooth(
  browser: Browser,
  board: TestBoard,
  options: { width: number; locale: string; fragment?: string },
): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 900 },
    locale: options.locale,
  });
  const page = await context.newPage();
  const requests: Session['requests'] = [];
  const problems: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    url.hash = '';
    requests.push({
      url: url.href,
      method: request.method(),
      headers: request.headers(),
      body: request.postData() ?? '',
    });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Expected refusals (401 on a wrong password, …) are logged by Chromium as failed loads.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  await page.goto(`${board.origin}/vote/${board.id}${options.fragment ?? ''}`);
  return { context, page, requests, problems };
}

async function expectFocusedHeading(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const active = document.activeElement;
    return active?.id === 'step-heading' && active.textContent === expected;
  }, text);
}

async function alertText(page: Page, pattern: RegExp): Promise<string> {
  const alert = page.locator('#booth-alert');
  await alert.filter({ hasText: pattern }).waitFor();
  return (await alert.textContent()) ?? '';
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function encryptionMilliseconds(page: Page): Promise<number> {
  return page.evaluate(
    () => performance.getEntriesByName('scrutin:encrypt-ballot')[0]?.duration ?? Number.NaN,
  );
}

/** Neither the private credential (either written form) nor the clear vote may appear on the wire. */
function assertNothingSecretSent(
  board: TestBoard,
  session: Session,
  voter: Voter,
  plaintext: number[][],
): void {
  const dashed = voter.credential.reveal();
  const secrets = [
    dashed,
    dashed.replaceAll('-', ''),
    JSON.stringify(plaintext),
    ...plaintext.map((q) => JSON.stringify(q)),
  ];
  const wire = [
    ...board.requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`),
    ...session.requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`),
  ];
  for (const text of wire) for (const secret of secrets) expect(text).not.toContain(secret);
  // Everything went to the election server, and the only ballot sent is ciphertexts and proofs.
  for (const request of session.requests) expect(request.url.startsWith(`${board.origin}/`)).toBe(true);
  const casts = session.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/voter/ballots'));
  expect(casts).toHaveLength(1);
  const { ballot } = JSON.parse(casts[0]!.body) as { ballot: string };
  expect(Object.keys(JSON.parse(ballot) as object)).toEqual([
    'election_uuid',
    'election_hash',
    'credential',
    'answers',
    'signature',
  ]);
  for (const answer of QUESTIONS.flatMap((q) => q.answers)) expect(ballot).not.toContain(answer);
}

describe.skipIf(!existsSync(CHROMIUM))('voting booth in Chromium', () => {
  let webDir: string;
  let board: TestBoard;
  let browser: Browser;
  const timings: string[] = [];

  beforeAll(async () => {
    webDir = await mkdtemp(path.join(os.tmpdir(), 'scrutin-booth-'));
    await buildWeb(webDir);
    await mkdir(SCREENSHOTS, { recursive: true });
    board = makeBoard(webDir);
    await board.listen();
    browser = await launchChromium();
  });

  afterAll(async () => {
    if (timings.length > 0)
      console.log(`booth: ballot encryption in Chromium (not asserted): ${timings.join('; ')}`);
    await browser?.close();
    await board?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  it('casts a vote in English at 1280 px, with wrong password, bad credentials and min/max errors on the way', async () => {
    const voter = board.voters[0]!;
    const session = await openBooth(browser, board, { width: 1280, locale: 'en-GB' });
    const { page } = session;

    // Step 1: sign in. The language defaults from the browser, and the voter can switch it.
    await expectFocusedHeading(page, 'Sign in');
    expect(await page.locator('.election-name').textContent()).toBe('Board election 2031');
    expect(await page.getByText(/^Voting closes on Friday,? 14 March 2031 at 18:00/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Français' }).click();
    expect(await page.locator('h1').textContent()).toBe('Identifiez-vous');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'en-1280-1-sign-in');
    await page.getByLabel('Login', { exact: true }).fill(voter.login);
    await page.getByLabel('Password', { exact: true }).fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await alertText(page, /Wrong login or password/)).toBe('Wrong login or password.');
    expect(await activeId(page)).toBe('password');
    await screenshot(page, 'en-1280-1-sign-in-error');
    await page.getByLabel('Password', { exact: true }).fill(voter.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Step 2: credential, with a typo caught by the checksum and a text that is no credential at all.
    await expectFocusedHeading(page, 'Your voting credential');
    expect(await page.getByText('Signed in as Voter 1.').isVisible()).toBe(true);
    const credentialField = page.getByRole('textbox', { name: 'Voting credential' });
    await credentialField.fill(withWrongChecksum(voter.credential.reveal()));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await alertText(page, /typing mistake/)).toContain('This credential contains a typing mistake');
    expect(await page.locator('#credential-error').textContent()).toContain('typing mistake');
    expect(await credentialField.getAttribute('aria-invalid')).toBe('true');
    expect(await activeId(page)).toBe('credential');
    await screenshot(page, 'en-1280-2-credential-checksum-error');
    await credentialField.fill('not-a-credential');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await alertText(page, /not a voting credential/)).toContain('15 letters or digits');
    await credentialField.fill(` ${voter.credential.reveal()} `);
    await screenshot(page, 'en-1280-2-credential');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: questions. Radios for "exactly one", checkboxes plus "Vote blank" for the other.
    await expectFocusedHeading(page, 'Your vote');
    expect(await page.locator('#q0 input[type=radio]').count()).toBe(3);
    expect(await page.locator('#q1 input[type=checkbox]').count()).toBe(4);
    expect(await page.locator('#q0-rule').textContent()).toBe('Choose 1 answer.');
    expect(await page.locator('#q1-rule').textContent()).toBe(
      'Choose between 1 and 2 answers. You may vote blank instead.',
    );
    await page.getByRole('button', { name: 'Review my vote' }).click();
    const tooFew = await alertText(page, /need your attention/);
    expect(tooFew).toContain('Question 1 of 2: Choose at least 1 answer.');
    expect(tooFew).toContain('Question 2 of 2: Choose at least 1 answer, or vote blank.');
    expect(await activeId(page)).toBe('q0-a0');
    await screenshot(page, 'en-1280-3-questions-min-error');
    await page.getByRole('radio', { name: 'Bastien Roy' }).check();
    for (const answer of QUESTIONS[1]!.answers) await page.getByRole('checkbox', { name: answer }).check();
    await page.getByRole('button', { name: 'Review my vote' }).click();
    expect(await alertText(page, /at most/)).toContain(
      'Question 2 of 2: Choose at most 2 answers: untick some answers.',
    );
    expect(await page.locator('#q1-error').textContent()).toBe(
      'Choose at most 2 answers: untick some answers.',
    );
    expect(await activeId(page)).toBe('q1-a0');
    await screenshot(page, 'en-1280-3-questions-max-error');
    await page.getByRole('checkbox', { name: 'Swimming pool' }).uncheck();
    await screenshot(page, 'en-1280-3-questions');
    await page.getByRole('button', { name: 'Review my vote' }).click();

    // Step 4: review, then encrypt and cast in one action.
    await expectFocusedHeading(page, 'Check and cast your vote');
    expect(await page.locator('.review-question').allTextContents()).toEqual([
      'Who should chair the board?Bastien Roy',
      'Which projects should be funded?LibraryCommunity garden',
    ]);
    await screenshot(page, 'en-1280-4-review');
    await page.getByRole('button', { name: 'Encrypt and cast my vote' }).click();

    // Confirmation: the tracker the server computed, checked against the browser's own.
    await expectFocusedHeading(page, 'Your vote has been cast');
    const serverTracker = board.trackers.get(voter.login);
    expect(serverTracker).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(await page.locator('#tracker').textContent()).toBe(serverTracker);
    expect(await page.getByText('Your browser computed the same tracking number').isVisible()).toBe(true);
    // Issue 16: the tracker has a copy button, which says what it did.
    await page.getByRole('button', { name: 'Copy the tracking number' }).click();
    await expect.poll(() => page.locator('#tracker-copied').textContent()).toMatch(/copied|did not allow/);
    expect(await page.locator('#board-link').getAttribute('href')).toBe(
      `/elections/${board.id}#tracker=${encodeURIComponent(serverTracker!)}`,
    );
    await screenshot(page, 'en-1280-5-confirmation');

    timings.push(`English voter ${(await encryptionMilliseconds(page)).toFixed(0)} ms`);
    assertNothingSecretSent(board, session, voter, [
      [0, 1, 0],
      [0, 1, 1, 0],
    ]);
    expect(session.problems).toEqual([]);
    await session.context.close();
  });

  it('casts a blank vote in French at 360 px with the keyboard only, the credential coming from the link', async () => {
    const voter = board.voters[1]!;
    const session = await openBooth(browser, board, {
      width: 360,
      locale: 'fr-FR',
      fragment: `#credential=${voter.credential.reveal()}`,
    });
    const { page } = session;
    const { keyboard } = page;

    // The fragment is read, then wiped from the address bar; French comes from the browser.
    await expectFocusedHeading(page, 'Identifiez-vous');
    expect(page.url()).toBe(`${board.origin}/vote/${board.id}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'fr-360-1-sign-in');
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('login');
    await keyboard.type(voter.login);
    await keyboard.press('Tab');
    await keyboard.type(voter.password);
    await keyboard.press('Enter');

    await expectFocusedHeading(page, 'Votre code de vote');
    expect(await page.locator('#credential').inputValue()).toBe(voter.credential.reveal());
    expect(await page.getByText('Rempli à partir du lien que vous avez ouvert').isVisible()).toBe(true);
    await screenshot(page, 'fr-360-2-credential');
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('credential');
    await keyboard.press('Enter');

    // Question 1: third answer with the arrow keys. Question 2: all three ticked → max error.
    await expectFocusedHeading(page, 'Votre vote');
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('q0-a0');
    await keyboard.press('Space');
    await keyboard.press('ArrowDown');
    await keyboard.press('ArrowDown');
    expect(await page.locator('#q0-a2').isChecked()).toBe(true);
    for (let j = 0; j < 3; j++) {
      await keyboard.press('Tab');
      expect(await activeId(page)).toBe(`q1-a${j}`);
      await keyboard.press('Space');
    }
    await keyboard.press('Tab'); // "Voter blanc"
    await keyboard.press('Tab'); // "Vérifier mon vote"
    await keyboard.press('Enter');
    expect(await alertText(page, /au plus/)).toContain(
      'Question 2 sur 2\u00a0: Choisissez au plus 2 réponses\u00a0: décochez des réponses.',
    );
    expect(await activeId(page)).toBe('q1-a0');
    await screenshot(page, 'fr-360-3-questions-max-error');
    // Changing one's mind: vote blank, which unticks the answers.
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('q1-blank');
    await keyboard.press('Space');
    expect(
      await page.locator('#q1 input:checked').evaluateAll((inputs) => inputs.map((input) => input.id)),
    ).toEqual(['q1-blank']);
    await screenshot(page, 'fr-360-3-questions');
    await keyboard.press('Tab');
    await keyboard.press('Enter');

    await expectFocusedHeading(page, 'Vérifiez et déposez votre vote');
    expect(await page.locator('.review-answer').allTextContents()).toEqual(['Chloé Dubois', 'Vote blanc']);
    await screenshot(page, 'fr-360-4-review');
    await keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Chiffrer et déposer mon vote',
    );
    // A small phone is several times slower than this machine: measure under 4× CPU throttling.
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await keyboard.press('Enter');

    await expectFocusedHeading(page, 'Votre vote a été déposé');
    const serverTracker = board.trackers.get(voter.login);
    expect(await page.locator('#tracker').textContent()).toBe(serverTracker);
    expect(await page.getByText('Votre navigateur a calculé le même numéro de suivi').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'fr-360-5-confirmation');
    // The tracker's copy button (issue 16), then the link to the board.
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('copy-tracker');
    await keyboard.press('Tab');
    expect(await activeId(page)).toBe('board-link');

    timings.push(`French voter, CPU throttled 4× ${(await encryptionMilliseconds(page)).toFixed(0)} ms`);
    // French errors came from the server in French too (Accept-Language follows the booth).
    const apiCalls = session.requests.filter((r) => r.url.includes('/api/'));
    expect(apiCalls.every((r) => r.headers['accept-language'] === 'fr')).toBe(true);
    assertNothingSecretSent(board, session, voter, [
      [0, 0, 1],
      [1, 0, 0, 0],
    ]);
    expect(session.problems).toEqual([]);
    await session.context.close();
  });

  it('keeps the choices across a lost session, and resends the same ballot after a lost answer', async () => {
    const voter = board.voters[2]!;
    const session = await openBooth(browser, board, { width: 1280, locale: 'en-US' });
    const { page } = session;
    await expectFocusedHeading(page, 'Sign in');
    const signIn = async () => {
      await page.getByLabel('Login', { exact: true }).fill(voter.login);
      await page.getByLabel('Password', { exact: true }).fill(voter.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    await signIn();
    await expectFocusedHeading(page, 'Your voting credential');
    await page.getByRole('textbox', { name: 'Voting credential' }).fill(voter.credential.reveal());
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectFocusedHeading(page, 'Your vote');
    await page.getByRole('radio', { name: 'Alice Martin' }).check();
    await page.getByRole('checkbox', { name: 'Swimming pool' }).check();
    await page.getByRole('button', { name: 'Review my vote' }).click();
    await expectFocusedHeading(page, 'Check and cast your vote');

    // The session ended on the server: sign in again, and land back on the review with the same choices.
    board.castFaults.push('end-sessions', 'store-then-503');
    await page.getByRole('button', { name: 'Encrypt and cast my vote' }).click();
    await expectFocusedHeading(page, 'Sign in');
    expect(await alertText(page, /session has ended/)).toBe(
      'Your session has ended. Sign in again; your choices are kept.',
    );
    await signIn();
    await expectFocusedHeading(page, 'Check and cast your vote');
    expect(await page.locator('.review-answer').allTextContents()).toEqual(['Alice Martin', 'Swimming pool']);

    // Stored, but the answer was lost: the booth says so, and trying again resends the very same bytes.
    await page.getByRole('button', { name: 'Encrypt and cast my vote' }).click();
    expect(await alertText(page, /could not confirm/)).toContain(
      'the same encrypted ballot will be sent again',
    );
    await page.getByRole('button', { name: 'Encrypt and cast my vote' }).click();
    await expectFocusedHeading(page, 'Your vote has been cast');
    expect(
      await page.getByText('The server had already recorded this exact encrypted ballot.').isVisible(),
    ).toBe(true);
    expect(await page.locator('#tracker').textContent()).toBe(board.trackers.get(voter.login));

    const posts = session.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/voter/ballots'));
    expect(posts).toHaveLength(3); // refused (401), stored but unanswered (503), duplicate (409)
    expect(new Set(posts.map((p) => p.body)).size).toBe(1);
    expect(session.problems).toEqual([]);
    await session.context.close();
  });
});
