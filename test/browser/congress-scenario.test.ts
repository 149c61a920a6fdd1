/**
 * A whole congress through the web pages only (issue 11), in Chromium against the real server with
 * a real SMTP server receiving the credential and password mails: the admin creates a consultation
 * of three federation boxes (server-held keys, to keep it fast) from the home page's template and
 * imports one weighted roll; submits the consultation-wide settings card once for every box (escrow
 * recovery with a named officer, passwords at once, a help contact, a scrutineer); the officer makes
 * their key pair on /officer. Every box's credentials are mailed and all boxes opened from the
 * consultation page; members vote in the booth (one in French, one on a 360 px screen). One member's
 * mails bounce: after opening the admin corrects the address from the delivery table's Help column
 * and resends the password, the officer approves on /officer and opens the escrow in the browser, the
 * member gets the same credential at the corrected address and votes (issue 16). A signed-in
 * scrutineer checks the roll hash on the console. The Lyon box is annulled from its own election page
 * with a reason, and re-run from the consultation page; each of its members receives the annulment
 * mail and votes again from its link. Closing, tallying and
 * publishing all boxes gives a consolidated result that the page shows equal to the weighted sum
 * of the clear votes; no candidate has a majority, so round 2 is prepared once round 1 is published
 * (linked both ways), run and published the same way (its booth names the round) and shows its
 * winner. The French procès-verbal prints French number formats; the public consultation page shows
 * the result and links the procès-verbal. The test reads only what the pages and the mails show.
 */
import { readFileSync } from 'node:fs';
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
import { addAccount, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
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
/** Whose credential and password mails bounce, and the address the admin corrects it to after opening. */
const BOUNCED = 'a2@example.org';
const CORRECTED = 'a2.new@example.org';
const REASON = 'Irregularity: proxies were accepted at the Lyon section meeting';

const weightOf = (login: string) => MEMBERS.find((m) => m.login === login)!.weight;
/** Σ weights per answer of the clear votes: what the consolidated result must show. */
function expectedCounts(votes: readonly [string, Choice][], answers: readonly string[]) {
  const counts = new Map<string, number>([['blank', 0], ...answers.map((a) => [a, 0] as [string, number])]);
  for (const [login, choice] of votes) counts.set(choice, counts.get(choice)! + weightOf(login));
  return counts;
}

describe.skipIf(!canRunBrowser('booth', 'admin', 'election', 'officer', 'scrutineer'))(
  'a congress through the web pages',
  () => {
    let server: ListeningServer;
    let sink: SmtpSink;
    let browser: TestBrowser;
    let admin: TestAccount;
    let officer: TestAccount;
    let scrutineer: TestAccount;
    /** The officer's private key file, as their browser downloaded it. */
    let keyFile = '';
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
      options: { fr?: boolean; width?: number; email?: string; link?: string; header?: string } = {},
    ) => {
      const email = options.email ?? `${login}@example.org`;
      const mine = () => sink.mailTo(email).filter((m) => m.text.includes(electionId));
      await expect.poll(() => mine().length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(2);
      const credential = mine()
        .map((m) => credentialIn(m.text))
        .find((c) => c !== undefined)!;
      const passwordMail = mine().find((m) => passwordIn(m.text) !== undefined)!;
      secrets.push(credential, passwordIn(passwordMail.text)!);
      const fr = options.fr === true;
      const booth = await newPage({ width: options.width, locale: fr ? 'fr-FR' : 'en-GB' });
      // From the link of another mail (the annulment's): the credential is typed in, not in the link.
      await booth.goto(options.link ?? `${server.url}/vote/${electionId}#credential=${credential}`);
      if (options.header !== undefined)
        await expect
          .poll(() => booth.locator('header .election-name').textContent(), POLL)
          .toBe(options.header);
      await booth
        .getByLabel(fr ? 'Identifiant' : 'Login', { exact: true })
        .fill(loginIn(passwordMail.text) ?? login);
      await booth
        .getByLabel(fr ? 'Mot de passe' : 'Password', { exact: true })
        .fill(passwordIn(passwordMail.text)!);
      await booth.getByRole('button', { name: fr ? 'Se connecter' : 'Sign in' }).click();
      if (options.link !== undefined)
        await booth
          .getByRole('textbox', { name: fr ? 'Code de vote' : 'Voting credential' })
          .fill(credential);
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
      const org = await organisationWithAdmin(server, 'Le Parti');
      admin = org.admin;
      // Members of the organisation who administer no box: the recovery officer and a scrutineer.
      officer = await addAccount(server, 'officer');
      scrutineer = await addAccount(server, 'scrutineer');
      for (const account of [officer, scrutineer])
        await server.store.accounts.addMembership({
          organisationId: org.organisationId,
          accountId: account.id,
          role: 'member',
        });
      // One member's address is dead: the mail server refuses it for good.
      sink.decide = (mail) =>
        mail.to === BOUNCED
          ? { kind: 'reject', code: 550, message: '5.1.1 No such user' }
          : { kind: 'accept' };
      browser = await TestBrowser.launch();
      page = await newPage();
      adminAnswers = recordAnswers(page);
    });
    afterAll(async () => {
      await browser?.close();
      await sink?.close();
      await server?.close();
    });

    it('creates the consultation from the template, imports the weighted roll, applies the consultation-wide settings', async () => {
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
      // Consultation-wide settings, once for every box: escrow recovery with a named officer, passwords
      // at once, the help contact, a scrutineer.
      const card = page.locator('#consultation-settings');
      await card.getByLabel('Recovery of lost voting credentials').selectOption('escrow');
      await card
        .getByLabel('Recovery officer', { exact: true })
        .selectOption({ label: `${officer.displayName} <${officer.email}>` });
      await card.getByLabel('Delay before the password is sent (minutes)').fill('0');
      await card.getByLabel('Help contact printed in every message').fill('help@example.org');
      await card.getByLabel(`${scrutineer.displayName} <${scrutineer.email}>`).check();
      await clearAnnouncements(page);
      await card.getByRole('button', { name: 'Apply to every box' }).click();
      await expect.poll(() => status().textContent(), POLL).toBe('Settings applied to every box.');
      const lyon = await electionOf('Lyon');
      await page.goto(`${server.url}/admin/elections/${lyon}`);
      expect(await page.locator('#box-consultation').textContent()).toContain(
        'Ballot box Lyon of the consultation “Congress 2027”, round 1.',
      );
      await page.getByRole('link', { name: 'Open the consultation' }).click();
      await page.waitForURL(roundOneUrl);
      await rows('Lyon').waitFor();
    });

    it('has the named officer make their key pair on /officer, for every box at once', async () => {
      const tab = await newPage();
      await tab.goto(`${server.url}/officer`);
      await signInOnPage(tab, officer);
      await tab.getByRole('button', { name: 'Make my key pair in this browser' }).click();
      const [download] = await Promise.all([
        tab.waitForEvent('download'),
        tab.getByRole('link', { name: 'Download my private key (recovery.privkey)' }).click(),
      ]);
      keyFile = readFileSync((await download.path())!, 'utf8');
      await clearAnnouncements(tab);
      await tab.getByRole('button', { name: 'I saved the file: send my public key' }).click();
      await expect
        .poll(() => tab.locator('#page-status').textContent(), POLL)
        .toBe('Public key set for 3 elections.');
      await tab.context().close();
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
      await page.reload();
      await expect.poll(async () => rows('Paris').locator('td').nth(3).textContent(), POLL).toBe('2 / 2');
    });

    it('corrects a bounced address after opening; the officer approves, a2 gets the same credential there and votes', async () => {
      const abroad = await electionOf('Abroad');
      expect(sink.mailTo(BOUNCED)).toEqual([]);
      const dialog = () => page.getByRole('dialog');
      await page.goto(`${server.url}/admin/elections/${abroad}`);
      const help = (label: string) =>
        page.locator('#delivery-table').getByRole('button', { name: `${label} – a2`, exact: true });
      await help('Correct the address').click();
      expect(await dialog().textContent()).toContain(
        'The same credential is sent to the new address once the recovery officer approves.',
      );
      await dialog().getByLabel('New address for a2:').fill(CORRECTED);
      await clearAnnouncements(page);
      await dialog().getByRole('button', { name: 'Correct the address' }).click();
      await expect
        .poll(() => status().textContent(), POLL)
        .toBe('Done: the change is recorded in the audit log.');
      // The password went the way of the credential: a new one, to the corrected address.
      await help('Resend the password').click();
      await clearAnnouncements(page);
      await dialog().getByRole('button', { name: 'Resend the password' }).click();
      await expect.poll(() => status().textContent(), POLL).toBe('A new password is on its way to a2.');

      const tab = await newPage();
      await tab.goto(`${server.url}/officer`);
      await signInOnPage(tab, officer);
      const section = tab.locator(`#duty-${abroad}`);
      await section.waitFor();
      expect(await section.locator('tbody tr', { hasText: 'a2' }).textContent()).toContain(
        'after an address correction',
      );
      await tab.getByRole('button', { name: 'Approve the request of a2' }).click();
      await clearAnnouncements(tab);
      await tab.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
      await expect
        .poll(() => tab.locator('#page-status').textContent(), POLL)
        .toBe('Request of a2 approved.');
      await tab
        .locator('#officer-key-file')
        .setInputFiles({ name: 'recovery.privkey', mimeType: 'text/plain', buffer: Buffer.from(keyFile) });
      await expect
        .poll(() => tab.locator('#officer-key-file-state').textContent(), POLL)
        .toMatch(/^Key loaded/);
      await section.getByRole('button', { name: 'Open 1 credential and send it' }).click();
      await clearAnnouncements(tab);
      await tab.getByRole('dialog').getByRole('button', { name: 'Open 1 credential and send it' }).click();
      await expect
        .poll(() => tab.locator('#page-status').textContent(), { timeout: 30_000, interval: 200 })
        .toBe('1 credential sent to the voters’ registered addresses.');
      await tab.context().close();
      await vote(abroad, 'a2', 'blank', { email: CORRECTED });
      expect(sink.mailTo(BOUNCED)).toEqual([]);
      await page.goto(roundOneUrl);
      await rows('Abroad').waitFor();
    });

    it('lets a scrutineer, signed in, check the roll hash of a box on the console', async () => {
      const abroad = await electionOf('Abroad');
      const tab = await newPage();
      await tab.goto(`${server.url}/scrutineer/${abroad}`);
      await signInOnPage(tab, scrutineer);
      await expect
        .poll(() => tab.locator('#roll-hash-check').textContent(), POLL)
        .toBe('They match: this is the roll the election was opened with.');
      expect(await tab.locator('#roll-hash code').textContent()).toBe(
        await tab.locator('#roll-sealed code').textContent(),
      );
      // The corrected address changed no login, name or weight; and the console shows no address.
      expect(await tab.locator('#roll-table').textContent()).not.toContain('@');
      await tab.context().close();
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
      // Every voter of the annulled box is told, with the reason and the link to the re-run, and votes from it.
      for (const [login, choice] of LYON_RERUN) {
        // In the voter's language (the consultation's default, French, as the roll gives none).
        const subjects = () => sink.mailTo(`${login}@example.org`).map((m) => m.subject);
        await expect
          .poll(subjects, { timeout: 30_000, interval: 200 })
          .toEqual(expect.arrayContaining([expect.stringMatching(/^Vote annul(é|led) – /)]));
        const told = () => sink.mailTo(`${login}@example.org`).filter((m) => /^Vote annul/.test(m.subject));
        expect(told()).toHaveLength(1);
        expect(told()[0]!.text).toContain(REASON);
        const link = told()[0]!.text.match(/https?:\/\/\S+\/vote\/[0-9a-z]+/i)?.[0];
        expect(link).toBe(`${server.url.replace(/\/$/, '')}/vote/${rerun}`);
        await vote(rerun, login, choice, { link });
      }
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
        // Round 2's booth names the round in its header.
        await vote(await electionOf(box), login, choice, { header: `Congress 2027 — ${box} (round 2)` });
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
      await page
        .locator('#consolidated-result')
        .getByRole('link', { name: 'Procès-verbal (French)' })
        .click();
      await page.waitForURL(/proces-verbal\?lang=fr$/);
      const text = (await page.textContent('body'))!;
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      // Bruno 7 of 15 valid votes: 46,67 %; Alice 5 of 16 votes cast: 31,25 %.
      expect(text).toContain('46,67');
      expect(text).toContain('31,25');
      expect(text).not.toMatch(/\b46\.67\b|\b31\.25\b/);
      expect(text).toContain(REASON);
    });

    it('shows the result and links the procès-verbal on the public consultation page', async () => {
      const id = new URL(roundTwoUrl).pathname.split('/').pop()!;
      const visitor = await newPage();
      await visitor.goto(`${server.url}/consultations/${id}`);
      await visitor.getByRole('heading', { name: 'Consolidated result' }).waitFor();
      expect(await visitor.textContent('body')).toContain('Bruno Diallo');
      expect(
        await visitor.locator(`a[href="/admin/consultations/${id}/proces-verbal?lang=en"]`).count(),
      ).toBe(1);
      await visitor.context().close();
    });

    it("never sent a voter's credential or password to the admin's pages", async () => {
      expect(secrets.length).toBeGreaterThanOrEqual(
        2 * (ROUND_ONE.length + LYON_ANNULLED.length + LYON_RERUN.length + ROUND_TWO.length),
      );
      expect(adminAnswers.length).toBeGreaterThan(50);
      const leaks = secrets.filter((secret) => adminAnswers.some((body) => body.includes(secret)));
      expect(leaks).toEqual([]);
    });
  },
);
