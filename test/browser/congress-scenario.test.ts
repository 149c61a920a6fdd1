/**
 * A whole congress through the web pages only (issue 11), in Chromium against the real server with
 * a real SMTP server receiving the credential and password mails: the admin creates a consultation
 * of three federation boxes (server-held keys, to keep it fast) from the home page's template and
 * imports one weighted roll; sets on each box page that passwords come at once; has every box's
 * credentials mailed and opens them all from the consultation page; members vote in the booth (one
 * in French, one on a 360 px screen). The Lyon box is annulled from its own election page with a
 * reason, and re-run from the consultation page; its members vote again. Closing, tallying and
 * publishing all boxes gives a consolidated result that the page shows equal to the weighted sum
 * of the clear votes; no candidate has a majority, so round 2 is prepared once round 1 is published
 * (linked both ways), run and published the same way and shows its winner. The French
 * procès-verbal prints French number formats. The test reads only what the pages show.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialIn, loginIn, passwordIn, type SmtpSink, startSmtpSink } from '../delivery/smtp-sink.js';
import {
  axeProblems,
  canRunBrowser,
  clearAnnouncements,
  type PageOptions,
  POLL,
  recordAnswers,
  reviewAndCast,
  signInOnPage,
  TestBrowser,
} from '../world/browser.js';
import { organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { type ListeningServer, startTestServer } from '../world/server.js';

const CANDIDATES = ['Alice Martin', 'Bruno Diallo', 'Chloé Nguyen'];
interface Member {
  readonly box: 'Paris' | 'Lyon' | 'Abroad';
  readonly login: string;
  readonly weight: number;
}
const MEMBERS: Member[] = [
  { box: 'Paris', login: 'p1', weight: 5 },
  { box: 'Paris', login: 'p2', weight: 3 },
  { box: 'Lyon', login: 'l1', weight: 4 },
  { box: 'Lyon', login: 'l2', weight: 1 },
  { box: 'Abroad', login: 'a1', weight: 2 },
  { box: 'Abroad', login: 'a2', weight: 1 },
];
type Choice = string | 'blank';
/** Round 1 as counted: Paris, the re-run of Lyon, Abroad (the annulled Lyon ballot is excluded). */
const ROUND_ONE: [string, Choice][] = [
  ['p1', 'Alice Martin'],
  ['p2', 'Bruno Diallo'],
  ['a1', 'Chloé Nguyen'],
  ['a2', 'blank'],
];
const LYON_ANNULLED: [string, Choice][] = [['l1', 'Alice Martin']];
const LYON_RERUN: [string, Choice][] = [
  ['l1', 'Bruno Diallo'],
  ['l2', 'Chloé Nguyen'],
];
const ROUND_TWO: [string, Choice][] = [
  ['p1', 'Alice Martin'],
  ['l1', 'Bruno Diallo'],
  ['a1', 'Bruno Diallo'],
];
const REASON = 'Irregularity: proxies were accepted at the Lyon section meeting';

const weightOf = (login: string) => MEMBERS.find((m) => m.login === login)!.weight;
/** Σ weights per answer of the clear votes: what the consolidated result must show. */
function expectedCounts(votes: readonly [string, Choice][], answers: readonly string[]) {
  const counts = new Map<string, number>([['blank', 0], ...answers.map((a) => [a, 0] as [string, number])]);
  for (const [login, choice] of votes) counts.set(choice, counts.get(choice)! + weightOf(login));
  return counts;
}

describe.skipIf(!canRunBrowser('booth', 'admin', 'election'))('a congress through the web pages', () => {
  let server: ListeningServer;
  let sink: SmtpSink;
  let browser: TestBrowser;
  let admin: TestAccount;
  let page: Page;
  let roundOneUrl = '';
  let roundTwoUrl = '';
  /** What the voters received by mail (secrets), and every answer the admin's browser got. */
  const secrets: string[] = [];
  let adminAnswers: string[] = [];

  const newPage = (options: PageOptions = {}) => browser.page({ timeout: 20_000, ...options });
  const status = () => page.locator('#page-status');
  const rows = (label: string) => page.locator(`#box-table tbody tr[data-box="${label}"]`);
  /** The election of a box, as its link on the consultation page shows it (the last row of that label). */
  const electionOf = async (label: string) => {
    const href = await rows(label).last().getByRole('link', { name: label }).getAttribute('href');
    return href!.split('/').pop()!;
  };
  const allBoxes = async (action: string, moved: number) => {
    await page.getByRole('button', { name: action }).click();
    await clearAnnouncements(page);
    await page.getByRole('dialog').getByRole('button', { name: action }).click();
    await expect
      .poll(() => status().textContent(), { timeout: 60_000, interval: 200 })
      .toBe(moved === 1 ? '1 box moved.' : `${moved} boxes moved.`);
  };

  /** A member votes in the booth with what the mail brought them for this box. */
  const vote = async (
    electionId: string,
    login: string,
    choice: Choice,
    options: { fr?: boolean; width?: number } = {},
  ) => {
    const email = `${login}@example.org`;
    const mine = () => sink.mailTo(email).filter((m) => m.text.includes(electionId));
    await expect.poll(() => mine().length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(2);
    const credential = mine()
      .map((m) => credentialIn(m.text))
      .find((c) => c !== undefined)!;
    const passwordMail = mine().find((m) => passwordIn(m.text) !== undefined)!;
    secrets.push(credential, passwordIn(passwordMail.text)!);
    const fr = options.fr === true;
    const booth = await newPage({ width: options.width, locale: fr ? 'fr-FR' : 'en-GB' });
    await booth.goto(`${server.url}/vote/${electionId}#credential=${credential}`);
    await booth
      .getByLabel(fr ? 'Identifiant' : 'Login', { exact: true })
      .fill(loginIn(passwordMail.text) ?? login);
    await booth
      .getByLabel(fr ? 'Mot de passe' : 'Password', { exact: true })
      .fill(passwordIn(passwordMail.text)!);
    await booth.getByRole('button', { name: fr ? 'Se connecter' : 'Sign in' }).click();
    await booth.getByRole('button', { name: fr ? 'Continuer' : 'Continue' }).click();
    const blank = fr ? 'Voter blanc' : 'Vote blank';
    await booth.getByRole('checkbox', { name: choice === 'blank' ? blank : choice, exact: true }).check();
    await reviewAndCast(booth, fr);
    if (options.width === 360)
      expect(await booth.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await booth.context().close();
  };

  /** The consolidated line of an answer: [count, % of votes cast, % of valid votes]. */
  const resultLine = async (question: string, answer: string) => {
    const table = page.getByRole('region', { name: `Result: ${question} (scrolls sideways)` });
    const cells = await table
      .getByRole('row', { name: new RegExp(`^${answer}`) })
      .locator('td')
      .allTextContents();
    return cells;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ mode: 'listen', label: 'congress-scenario', smtpUrl: sink.url });
    ({ admin } = await organisationWithAdmin(server, 'Le Parti'));
    browser = await TestBrowser.launch();
    page = await newPage();
    adminAnswers = recordAnswers(page);
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
    await server?.close();
  });

  it('creates the consultation from the template, imports the weighted roll, sets how passwords come on each box', async () => {
    await page.goto(`${server.url}/admin`);
    await signInOnPage(page, admin);
    await page.getByText('New consultation (one ballot box per federation)').click();
    const form = page.locator('details[id^="new-consultation-"]');
    await form.getByLabel('Name of the consultation').fill('Congress 2027');
    await form.getByLabel('Time zone of the consultation').fill('Europe/Paris');
    await form.getByLabel('Ballot boxes, one federation per line').fill('Paris\nLyon\nAbroad');
    await form.getByLabel('Question', { exact: true }).fill('Who should lead the party?');
    await form.getByLabel('Candidates or answers, one per line').fill(CANDIDATES.join('\n'));
    await form.getByRole('button', { name: 'Create the consultation' }).click();
    await page.waitForURL(/\/admin\/consultations\//);
    roundOneUrl = page.url();
    await page
      .getByLabel('Or paste the CSV here')
      .fill(
        [
          'federation,email,login,weight,name',
          ...MEMBERS.map((m) => `${m.box},${m.login}@example.org,${m.login},${m.weight},Member ${m.login}`),
        ].join('\n'),
      );
    await clearAnnouncements(page);
    await page.getByRole('button', { name: 'Import the roll' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Roll imported: Paris 2, Lyon 2, Abroad 2.');
    for (const label of ['Paris', 'Lyon', 'Abroad']) {
      const electionId = await electionOf(label);
      await page.goto(`${server.url}/admin/elections/${electionId}`);
      expect(await page.locator('#box-consultation').textContent()).toContain(
        `Ballot box ${label} of the consultation “Congress 2027”, round 1.`,
      );
      await page.getByText('How voters sign in', { exact: true }).click();
      await page.getByLabel('Minutes between the credential message and the password message').fill('0');
      await page.getByLabel('Help contact shown in the messages').fill('help@example.org');
      await clearAnnouncements(page);
      await page.getByRole('button', { name: 'Save how voters sign in' }).click();
      await expect.poll(() => status().textContent(), POLL).toBe('Saved.');
      await page.getByRole('link', { name: 'Open the consultation' }).click();
      await page.waitForURL(roundOneUrl);
      await rows(label).waitFor();
    }
  });

  it('mails the credentials of every box and opens them all; members vote in the booth', async () => {
    await allBoxes('Generate and send the credentials of every draft box', 3);
    await allBoxes('Open every box', 3);
    const paris = await electionOf('Paris');
    const lyon = await electionOf('Lyon');
    const abroad = await electionOf('Abroad');
    expect((await rows('Paris').textContent())?.includes('Open for voting')).toBe(true);
    await vote(paris, 'p1', 'Alice Martin');
    await vote(paris, 'p2', 'Bruno Diallo', { width: 360 });
    await vote(lyon, ...LYON_ANNULLED[0]!);
    await vote(abroad, 'a1', 'Chloé Nguyen', { fr: true });
    await vote(abroad, 'a2', 'blank');
    await page.reload();
    await expect.poll(async () => rows('Paris').locator('td').nth(3).textContent(), POLL).toBe('2 / 2');
  });

  it('annuls Lyon from its own election page with a reason, and re-runs it from the consultation page', async () => {
    const lyon = await electionOf('Lyon');
    await page.goto(`${server.url}/admin/elections/${lyon}`);
    await page.getByRole('button', { name: 'Annul the election' }).click();
    await page.getByRole('dialog').getByLabel('Reason for annulling (shown publicly)').fill(REASON);
    await clearAnnouncements(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Annul the election' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('Done. The election is now: Annulled.');
    await page.goto(roundOneUrl);
    await rows('Lyon').waitFor();
    // One annulment, with its one reason, whichever page did it.
    expect(await rows('Lyon').textContent()).toContain(`Annulled: ${REASON}`);
    await rows('Lyon').getByRole('button', { name: 'Re-run: Lyon' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain(
      'same label, questions, voter roll and trustees',
    );
    await clearAnnouncements(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(() => status().textContent(), POLL).toBe('A re-run of Lyon was created as a draft.');
    expect(await rows('Lyon').count()).toBe(2);
    expect(await rows('Lyon').last().textContent()).toContain('re-run of the annulled box Lyon');
    const rerun = await electionOf('Lyon');
    expect(rerun).not.toBe(lyon);

    // Only the re-run needs credentials and opening now; its delivery settings were copied.
    await allBoxes('Generate and send the credentials of every draft box', 1);
    await allBoxes('Open every box', 1);

    // Once the re-run is open (a draft is private: issue 15), the public pages link the two boxes both ways.
    const visitor = await newPage();
    await visitor.goto(`${server.url}/elections/${lyon}`);
    await visitor
      .locator('#rerun-link')
      .getByRole('link', { name: 'public page of the re-run of Lyon' })
      .click();
    await visitor.waitForURL(new RegExp(`/elections/${rerun}$`));
    expect(await visitor.locator('#replaces-link').textContent()).toContain(
      'This box replaces an annulled box',
    );
    for (const [login, choice] of LYON_RERUN) await vote(rerun, login, choice);
  });

  it('closes, tallies and publishes every box: the consolidated result is the weighted sum of the clear votes', async () => {
    await allBoxes('Close every box', 3);
    await allBoxes('Tally every box', 3);
    await allBoxes('Publish every box', 3);
    await expect.poll(() => page.locator('#result-status').textContent(), POLL).toContain('Complete');
    const question = 'Who should lead the party?';
    const counts = expectedCounts([...ROUND_ONE, ...LYON_RERUN], CANDIDATES);
    // Alice 5, Bruno 7, Chloé 3, blank 1: 16 cast, 15 valid.
    expect([...counts.values()]).toEqual([1, 5, 7, 3]);
    const cast = [...counts.values()].reduce((a, b) => a + b, 0);
    const valid = cast - counts.get('blank')!;
    const pct = (n: number, of: number) => `${(Math.round((n * 10000) / of) / 100).toFixed(2)} %`;
    for (const answer of CANDIDATES) {
      const n = counts.get(answer)!;
      expect(await resultLine(question, answer)).toEqual([String(n), pct(n, cast), pct(n, valid)]);
    }
    expect((await resultLine(question, 'Blank'))[0]).toBe(String(counts.get('blank')));
    // The annulled box stays listed, not counted; the breakdown shows each box's own figures.
    const breakdown = page.getByRole('region', { name: `Votes by box: ${question} (scrolls sideways)` });
    const lines = await breakdown.locator('tbody tr').allTextContents();
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('Lyon')).some((l) => l.includes('annulled, not counted'))).toBe(
      true,
    );
    expect(await page.locator('#result-decision').textContent()).toBe(
      'No candidate has the required majority: Bruno Diallo, Alice Martin go through to round 2.',
    );
    expect(await page.locator('#consolidated-result svg title').first().textContent()).toBe(
      `Bar chart: ${question}`,
    );
    // The complete result (decision, annulled box, breakdown) passes axe in both languages.
    expect(await axeProblems(page), 'complete round 1, English').toEqual([]);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Résultat consolidé' }).waitFor();
    expect(await page.locator('#result-decision').textContent()).toBe(
      'Aucune candidature n’a la majorité requise\u00a0: Bruno Diallo, Alice Martin sont qualifié·es pour le second tour.',
    );
    expect(await axeProblems(page), 'complete round 1, French').toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Consolidated result' }).waitFor();
  });

  it('has round 2 prepared once round 1 is published, linked both ways with round 1; it is run and shows its winner', async () => {
    const next = page.locator('#next-round');
    await next.waitFor();
    expect(await next.textContent()).toContain('Round 2 has been prepared');
    await next.getByRole('link', { name: 'open round 2' }).click();
    await page.waitForURL(
      (url) => url.href !== roundOneUrl && url.pathname.startsWith('/admin/consultations/'),
    );
    roundTwoUrl = page.url();
    expect(await page.locator('#round').textContent()).toBe('Round 2');
    expect(await page.locator('#previous-round').getByRole('link').getAttribute('href')).toBe(
      new URL(roundOneUrl).pathname,
    );
    expect(await page.locator('#box-table tbody tr').count()).toBe(3);
    for (const label of ['Paris', 'Lyon', 'Abroad'])
      expect(await rows(label).locator('td').nth(2).textContent()).toBe('2');
    await allBoxes('Generate and send the credentials of every draft box', 3);
    await allBoxes('Open every box', 3);
    for (const [login, choice] of ROUND_TWO) {
      const box = MEMBERS.find((m) => m.login === login)!.box;
      await vote(await electionOf(box), login, choice);
    }
    await allBoxes('Close every box', 3);
    await allBoxes('Tally every box', 3);
    await allBoxes('Publish every box', 3);
    await expect.poll(() => page.locator('#result-status').textContent(), POLL).toContain('Complete');
    const counts = expectedCounts(ROUND_TWO, ['Bruno Diallo', 'Alice Martin']);
    const question = 'Who should lead the party?';
    expect((await resultLine(question, 'Bruno Diallo'))[0]).toBe(String(counts.get('Bruno Diallo')));
    expect((await resultLine(question, 'Alice Martin'))[0]).toBe(String(counts.get('Alice Martin')));
    expect(await page.locator('#result-decision').textContent()).toBe('Elected: Bruno Diallo.');
    // Round 1 links to the round it led to.
    await page.goto(roundOneUrl);
    expect(await page.locator('#next-round').getByRole('link').getAttribute('href')).toBe(
      new URL(roundTwoUrl).pathname,
    );
  });

  it('prints the procès-verbal in French with French number formats', async () => {
    await page.locator('#consolidated-result').getByRole('link', { name: 'Procès-verbal (French)' }).click();
    await page.waitForURL(/proces-verbal\?lang=fr$/);
    const text = (await page.textContent('body'))!;
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // Bruno 7 of 15 valid votes: 46,67 %; Alice 5 of 16 votes cast: 31,25 %.
    expect(text).toContain('46,67');
    expect(text).toContain('31,25');
    expect(text).not.toMatch(/\b46\.67\b|\b31\.25\b/);
    expect(text).toContain(REASON);
  });

  it("never sent a voter's credential or password to the admin's pages", async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(
      2 * (ROUND_ONE.length + LYON_ANNULLED.length + LYON_RERUN.length + ROUND_TWO.length),
    );
    expect(adminAnswers.length).toBeGreaterThan(50);
    const leaks = secrets.filter((secret) => adminAnswers.some((body) => body.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
