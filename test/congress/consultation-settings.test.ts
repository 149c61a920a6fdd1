/**
 * Consultation-wide settings (issue #16 point 1) over the API: set once, applied to every box in one
 * transaction with its entries, a box's own override kept, refusals changing nothing, the officer's
 * key uploaded once for every box, and a re-run inheriting everything (its entry says what).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireGroup } from '../../src/core/group.js';
import { generateOfficerKey, serializeOfficerPublicKey } from '../../src/protocol/credential-escrow.js';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import { addAccount, organisationWithAdmin, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('consultation-wide settings', () => {
  let server: TestServer;
  let admin: TestAccount;
  let officer: TestAccount;
  let scrutineers: TestAccount[];
  let client: Client;
  let organisationId: string;
  let id: string;
  let boxes: { id: string; label: string; electionId: string }[];

  const wide = () => ({
    recovery: 'escrow',
    officer: officer.id,
    loginMode: 'password',
    passwordDelaySeconds: 900,
    helpContact: 'Federation help desk, 01 23 45 67 89',
    defaultLanguage: 'en',
    secretChannel: 'email',
    scrutineers: scrutineers.map((s) => s.id),
  });
  const roles = async (electionId: string) =>
    (await server.store.elections.listRoles(electionId)).map((r) => `${r.accountId}:${r.role}`).sort();
  const settingsEntries = async () =>
    (await server.store.audit.list({ organisationId })).filter((e) => e.action === 'consultation.settings');

  beforeAll(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Federation', 'secretary'));
    officer = await addAccount(server, 'officer');
    scrutineers = [await addAccount(server, 'camp-a'), await addAccount(server, 'camp-b')];
    for (const person of [officer, ...scrutineers])
      await server.store.accounts.addMembership({ organisationId, accountId: person.id, role: 'member' });
    client = await signedIn(new Client(server.app), admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congress',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'Nord' }, { label: 'Sud' }, { label: 'Outre-mer' }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    id = created.json.id;
    boxes = created.json.boxes;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses an unknown person or an officer who administers the boxes, and changes nothing', async () => {
    const before = await Promise.all(boxes.map((b) => roles(b.electionId)));
    const stranger = await addAccount(server, 'stranger');
    const unknown = await client.put(`/api/v1/consultations/${id}/settings`, {
      ...wide(),
      scrutineers: [stranger.id],
    });
    expect(unknown.status).toBe(404);
    const admins = await client.put(`/api/v1/consultations/${id}/settings`, { ...wide(), officer: admin.id });
    expect(admins.status, JSON.stringify(admins.json)).toBe(409);
    expect(admins.json.error.code).toBe('SCR_CREDENTIAL_AUTHORITY_SEPARATION');
    const noOfficer = await client.put(`/api/v1/consultations/${id}/settings`, { ...wide(), officer: null });
    expect(noOfficer.status).toBe(400);
    expect(noOfficer.json.error.code).toBe('SCR_BAD_REQUEST');
    expect(await Promise.all(boxes.map((b) => roles(b.electionId)))).toEqual(before);
    expect((await client.get(`/api/v1/consultations/${id}/admin`)).json.settings.recovery).toBeNull();
    expect(await settingsEntries()).toEqual([]);
    for (const box of boxes) expect(await server.store.delivery.getSettings(box.electionId)).toBeUndefined();
  });

  it('applies the settings to every box at once, keeping a box that overrides a field', async () => {
    const overseas = boxes[2]!;
    const own = await client.put(`/api/v1/elections/${overseas.electionId}/delivery/settings`, {
      loginMode: 'password',
      passwordDelaySeconds: 3600,
      helpContact: 'Overseas desk, +262 262 00 00 00',
      defaultLanguage: 'fr',
    });
    expect(own.status, JSON.stringify(own.json)).toBe(200);

    const saved = await client.put(`/api/v1/consultations/${id}/settings`, wide());
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.boxes.map((b: { label: string; kept: string[] }) => [b.label, b.kept])).toEqual([
      ['Nord', []],
      ['Sud', []],
      // Its delay and language were still the defaults: only its help contact is its own.
      ['Outre-mer', ['helpContact']],
    ]);
    for (const box of boxes.slice(0, 2)) {
      expect(await server.store.delivery.getSettings(box.electionId)).toMatchObject({
        passwordDelaySeconds: 900,
        helpContact: 'Federation help desk, 01 23 45 67 89',
        defaultLanguage: 'en',
      });
    }
    expect(await server.store.delivery.getSettings(overseas.electionId)).toMatchObject({
      passwordDelaySeconds: 900,
      helpContact: 'Overseas desk, +262 262 00 00 00',
      defaultLanguage: 'en',
    });
    for (const box of boxes)
      expect(await roles(box.electionId)).toEqual(
        [
          `${admin.id}:election-admin`,
          `${officer.id}:credential-authority`,
          ...scrutineers.map((s) => `${s.id}:scrutineer`),
        ].sort(),
      );
    const entries = await settingsEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ consultation: id, boxes: 3, overrides: 1, scrutineers: 2 });
    expect((await client.get(`/api/v1/consultations/${id}/admin`)).json.settings).toEqual(wide());
  });

  it("takes the officer's key once for every box, and refuses it from anyone else", async () => {
    const key = serializeOfficerPublicKey(generateOfficerKey(requireGroup('BELENIOS-2048')).publicKey);
    const byAdmin = await client.put(`/api/v1/consultations/${id}/recovery/officer-key`, { publicKey: key });
    expect(byAdmin.status).toBe(403);
    const officerClient = await signedIn(new Client(server.app), officer);
    const uploaded = await officerClient.put(`/api/v1/consultations/${id}/recovery/officer-key`, {
      publicKey: key,
    });
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(200);
    expect(uploaded.json.boxes).toBe(3);
    for (const box of boxes) {
      const status = (await client.get(`/api/v1/elections/${box.electionId}/recovery`)).json;
      expect(status.recovery).toBe('escrow');
      expect(status.officer?.accountId).toBe(officer.id);
    }
  });

  it('gives a re-run the settings, roles and recovery of the box it replaces, and its entry says so', async () => {
    const annulled = boxes[1]!;
    const annul = await client.post(`/api/v1/consultations/${id}/boxes/${annulled.id}/annul`, {
      reason: 'Wrong roll imported for this federation',
    });
    expect(annul.status, JSON.stringify(annul.json)).toBe(200);
    const rerun = await client.post(`/api/v1/consultations/${id}/boxes/${annulled.id}/rerun`);
    expect(rerun.status, JSON.stringify(rerun.json)).toBe(201);
    const box = rerun.json.boxes.find((b: { replaces: string | null }) => b.replaces === annulled.id);
    expect(await server.store.delivery.getSettings(box.electionId)).toMatchObject({
      helpContact: 'Federation help desk, 01 23 45 67 89',
    });
    expect(await roles(box.electionId)).toEqual(await roles(annulled.electionId));
    expect((await client.get(`/api/v1/elections/${box.electionId}/recovery`)).json.recovery).toBe('escrow');
    const entry = (await server.store.audit.list({ organisationId })).find(
      (e) => e.action === 'consultation.box-rerun',
    );
    expect(entry!.details).toMatchObject({ replaces: annulled.id, replacesElection: annulled.electionId });
    expect(String((entry!.details as { inherited: string }).inherited)).toMatch(
      /roll of 0 voters; delivery settings; recovery: escrow; 0 trustees; 4 roles/,
    );
  });

  it('sends passwords and codes by SMS on every box once chosen, refused without a gateway, a box choosing mail kept', async () => {
    const live = (await client.get(`/api/v1/consultations/${id}/admin`)).json.boxes.filter(
      (b: { annulment: unknown }) => b.annulment === null,
    ) as { electionId: string; label: string }[];
    const channels = async () =>
      Promise.all(
        live.map(async (b) => (await client.get(`/api/v1/elections/${b.electionId}/delivery/settings`)).json),
      );
    const before = await channels();
    const entries = (await settingsEntries()).length;
    (server.config as { sms?: string }).sms = 'none';
    try {
      const refused = await client.put(`/api/v1/consultations/${id}/settings`, {
        ...wide(),
        secretChannel: 'sms',
      });
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('SCR_SMS_NOT_CONFIGURED');
      expect(await channels()).toEqual(before);
      expect((await settingsEntries()).length).toBe(entries);
      const view = (await client.get(`/api/v1/consultations/${id}/admin`)).json;
      expect(view.settings.secretChannel).toBe('email');
      expect(view.sms).toBe('none');
    } finally {
      (server.config as { sms?: string }).sms = 'http';
    }
    // Outre-mer chooses SMS on its own page, then back to mail: its own choice from now on.
    const overseas = live.find((b) => b.label === 'Outre-mer')!;
    const own = await client.get(`/api/v1/elections/${overseas.electionId}/delivery/settings`);
    const { mail: _m, sms: _s, ...ownSettings } = own.json;
    await client.put(`/api/v1/elections/${overseas.electionId}/delivery/settings`, {
      ...ownSettings,
      secretChannel: 'sms',
    });
    // The consultation (still by mail) moves to SMS: Outre-mer already there; the others follow.
    const saved = await client.put(`/api/v1/consultations/${id}/settings`, {
      ...wide(),
      secretChannel: 'sms',
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((await channels()).map((c) => c.secretChannel)).toEqual(live.map(() => 'sms'));
    // Outre-mer goes back to mail on its own page; the consultation's next change leaves it there.
    await client.put(`/api/v1/elections/${overseas.electionId}/delivery/settings`, {
      ...ownSettings,
      secretChannel: 'email',
    });
    const back = await client.put(`/api/v1/consultations/${id}/settings`, {
      ...wide(),
      secretChannel: 'sms',
      passwordDelaySeconds: 1200,
    });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    const kept = back.json.boxes.find((b: { label: string }) => b.label === 'Outre-mer');
    expect(kept.kept).toContain('secretChannel');
    const after = await channels();
    expect(after.map((c) => [c.secretChannel, c.passwordDelaySeconds])).toEqual(
      live.map((b) => [b.label === 'Outre-mer' ? 'email' : 'sms', 1200]),
    );
    // A request that does not name the channel keeps it; the entry names it.
    const { secretChannel: _c, ...unnamed } = wide();
    const same = await client.put(`/api/v1/consultations/${id}/settings`, {
      ...unnamed,
      passwordDelaySeconds: 1200,
    });
    expect(same.json.settings.secretChannel).toBe('sms');
    const last = (await settingsEntries()).at(-1)!;
    expect(last.details).toMatchObject({ secretChannel: 'sms' });
  });

  it('takes a scrutineer off every draft box when the consultation no longer names them, one entry per box', async () => {
    const view = (await client.get(`/api/v1/consultations/${id}/admin`)).json;
    const live = view.boxes.filter((b: { annulment: unknown }) => b.annulment === null) as {
      electionId: string;
    }[];
    const annulled = view.boxes.find((b: { annulment: unknown }) => b.annulment !== null) as {
      electionId: string;
    };
    const [kept, dropped] = scrutineers as [TestAccount, TestAccount];
    // Someone named scrutineer on one box's own page is that box's business.
    const boxOwn = await addAccount(server, 'box-own');
    await server.store.accounts.addMembership({ organisationId, accountId: boxOwn.id, role: 'member' });
    const granted = await client.post(`/api/v1/elections/${live[0]!.electionId}/roles`, {
      accountId: boxOwn.id,
      role: 'scrutineer',
    });
    expect(granted.status, JSON.stringify(granted.json)).toBe(200);
    const annulledRoles = await roles(annulled.electionId);
    const dropper = await signedIn(new Client(server.app), dropped);
    expect((await dropper.get(`/api/v1/elections/${live[0]!.electionId}/delivery/counts`)).status).toBe(200);

    const saved = await client.put(`/api/v1/consultations/${id}/settings`, {
      ...wide(),
      scrutineers: [kept.id],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.settings.scrutineers).toEqual([kept.id]);
    for (const box of live) {
      const now = await roles(box.electionId);
      expect(now).toContain(`${kept.id}:scrutineer`);
      expect(now).not.toContain(`${dropped.id}:scrutineer`);
    }
    expect(await roles(live[0]!.electionId)).toContain(`${boxOwn.id}:scrutineer`);
    // The annulled box is history: its observers stay.
    expect(await roles(annulled.electionId)).toEqual(annulledRoles);
    const revoked = (await server.store.audit.list({ organisationId })).filter(
      (e) => e.action === 'role.revoke',
    );
    expect(revoked.map((e) => e.electionId).sort()).toEqual(live.map((b) => b.electionId).sort());
    for (const entry of revoked)
      expect(entry.details).toMatchObject({
        accountId: dropped.id,
        role: 'scrutineer',
        reason: 'consultation',
      });
    // The dropped scrutineer no longer reads a live box (the annulled one, history, stays theirs).
    expect((await dropper.get(`/api/v1/elections/${live[0]!.electionId}/delivery/counts`)).status).toBe(403);
  });
});
