/**
 * One-time sign-in codes at the level of the delivery module, on a real store (SQLite in a temp
 * file) and a clock the test moves: who gets a code (an open election in either login mode, a
 * draft only in code mode, never an unknown login), the one-minute resend interval, the 10-minute
 * lifetime and the 5 tries (a right code spent whole), and the refusal once voting has closed.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { election, organisation, voter } from '../../test/support/store-fixtures.js';
import { tempDir } from '../../test/support/tools.js';
import { installNodePlatform } from '../node/platform.js';
import { openStore } from '../store/open-store.js';
import type { ElectionState, Store } from '../store/store.js';
import {
  CODE_LIFETIME_MINUTES,
  CODE_RESEND_INTERVAL_MS,
  CODE_TRIES,
  checkCode,
  requestCode,
} from './codes.js';
import type { DeliveryContext } from './outbox.js';
import { DeliverySender } from './sender.js';
import { testTransport } from './transport.js';

const ELECTION = 'CodesElection01';
const START = Date.parse('2031-05-04T08:00:00.000Z');

describe('one-time sign-in codes', () => {
  let store: Store;
  let now: number;
  let ctx: DeliveryContext;

  async function setUp(state: ElectionState, loginMode: 'password' | 'one-time-code'): Promise<void> {
    await store.accounts.createOrganisation(organisation('org'));
    await store.elections.create(election(ELECTION, 'org', { state }));
    await store.voters.replace(ELECTION, [
      voter('ana', ELECTION, { language: 'en' }),
      voter('bob', ELECTION),
    ]);
    await store.delivery.saveSettings({
      electionId: ELECTION,
      loginMode,
      passwordDelaySeconds: 0,
      helpContact: '',
      defaultLanguage: 'en',
    });
  }

  /** The codes the voters' mail server accepted since the last call, by address. */
  async function mailedCodes(): Promise<[string, string][]> {
    const transport = testTransport();
    await new DeliverySender(store, { transports: { email: transport }, clock: ctx.clock }).drain();
    return transport.accepted.map((m) => {
      const code = /: (\d{8})\b/.exec(m.text)?.[1];
      if (code === undefined) throw new Error(`no code in the message to ${m.to}`);
      return [m.to, code];
    });
  }

  const codeMessages = async () =>
    (await store.delivery.listMessages(ELECTION)).filter((m) => m.purpose === 'one-time-code').length;

  beforeEach(async () => {
    installNodePlatform();
    store = await openStore(`sqlite:${join(tempDir('codes'), 'scrutin.db')}`);
    now = START;
    ctx = { store, clock: { now: () => new Date(now) }, config: { baseUrl: 'https://vote.example.org' } };
  });
  afterEach(async () => store?.close());

  it('mails a code to the registered address of an existing login only, and signs that voter in once', async () => {
    await setUp('open', 'one-time-code');
    await requestCode(ctx, ELECTION, 'nobody');
    expect(await codeMessages()).toBe(0);
    await requestCode(ctx, ELECTION, 'ana');
    const [[to, code]] = (await mailedCodes()) as [[string, string]];
    expect(to).toBe('ana@example.org');
    // Spaces around a pasted code do not count.
    expect((await checkCode(ctx, ELECTION, 'ana', ` ${code} `)).id).toBe('ana');
    await expect(checkCode(ctx, ELECTION, 'ana', code)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
  });

  it('sends nothing new within a minute of the last code, and a new code after it, which replaces the old', async () => {
    await setUp('open', 'one-time-code');
    await requestCode(ctx, ELECTION, 'ana');
    const [[, first]] = (await mailedCodes()) as [[string, string]];
    now += CODE_RESEND_INTERVAL_MS - 1;
    await requestCode(ctx, ELECTION, 'ana');
    expect(await codeMessages()).toBe(1);
    expect(await mailedCodes()).toEqual([]);
    now += 1;
    await requestCode(ctx, ELECTION, 'ana');
    expect(await codeMessages()).toBe(2);
    const [[, second]] = (await mailedCodes()) as [[string, string]];
    if (first !== second)
      await expect(checkCode(ctx, ELECTION, 'ana', first)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
    expect((await checkCode(ctx, ELECTION, 'ana', second)).id).toBe('ana');
  });

  it(`lives ${CODE_LIFETIME_MINUTES} minutes`, async () => {
    await setUp('open', 'one-time-code');
    await requestCode(ctx, ELECTION, 'ana');
    const [[, code]] = (await mailedCodes()) as [[string, string]];
    now += CODE_LIFETIME_MINUTES * 60_000;
    await expect(checkCode(ctx, ELECTION, 'ana', code)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
  });

  it(`takes ${CODE_TRIES} tries, right or wrong: a right code after ${CODE_TRIES} wrong ones is refused`, async () => {
    await setUp('open', 'one-time-code');
    await requestCode(ctx, ELECTION, 'ana');
    const [[, code]] = (await mailedCodes()) as [[string, string]];
    const wrong = code === '00000000' ? '00000001' : '00000000';
    for (let i = 0; i < CODE_TRIES - 1; i++)
      await expect(checkCode(ctx, ELECTION, 'ana', wrong)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
    // The last try is still good.
    expect((await checkCode(ctx, ELECTION, 'ana', code)).id).toBe('ana');

    now += CODE_RESEND_INTERVAL_MS;
    await requestCode(ctx, ELECTION, 'bob');
    const [[, bobs]] = (await mailedCodes()) as [[string, string]];
    for (let i = 0; i < CODE_TRIES; i++)
      await expect(
        checkCode(ctx, ELECTION, 'bob', wrong === bobs ? '99999999' : wrong),
      ).rejects.toMatchObject({
        code: 'SCR_BAD_CODE',
      });
    await expect(checkCode(ctx, ELECTION, 'bob', bobs)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
  });

  it("is not for another voter's login", async () => {
    await setUp('open', 'one-time-code');
    await requestCode(ctx, ELECTION, 'ana');
    const [[, code]] = (await mailedCodes()) as [[string, string]];
    await expect(checkCode(ctx, ELECTION, 'bob', code)).rejects.toMatchObject({ code: 'SCR_BAD_CODE' });
  });

  it('is sent in an open election in password mode, but not in a draft in password mode', async () => {
    await setUp('draft', 'password');
    await requestCode(ctx, ELECTION, 'ana');
    expect(await codeMessages()).toBe(0);
    await store.close();
    store = await openStore(`sqlite:${join(tempDir('codes'), 'scrutin.db')}`);
    ctx = { ...ctx, store };
    await setUp('open', 'password');
    await requestCode(ctx, ELECTION, 'ana');
    expect(await codeMessages()).toBe(1);
  });

  it('is refused once voting has closed, to a known login or not', async () => {
    await setUp('closed', 'one-time-code');
    await expect(requestCode(ctx, ELECTION, 'ana')).rejects.toMatchObject({ code: 'SCR_VOTING_CLOSED' });
    await expect(requestCode(ctx, ELECTION, 'nobody')).rejects.toMatchObject({ code: 'SCR_VOTING_CLOSED' });
    await expect(checkCode(ctx, ELECTION, 'ana', '12345678')).rejects.toMatchObject({
      code: 'SCR_VOTING_CLOSED',
    });
  });
});
