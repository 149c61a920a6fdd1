/**
 * Issue 15, parts 1 and 9, through the API: the election's default language is the language of
 * voters imported without one, and of every message they get; once credentials are issued, voters
 * are added, re-weighted and removed one at a time — an added voter gets a credential in their
 * language, a removed voter's public credential goes with them — and each change is audited by
 * login and counted on the public page. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import { addAccount, addOrganisation, QUESTIONS } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import { credentialIn } from './smtp-sink.js';

const pgMissing = (await pgProblem()) !== undefined;

for (const dialect of ['sqlite', 'postgres'] as const)
  describe.skipIf(dialect === 'postgres' && pgMissing)(
    `the election's language and the roll after credentials (${dialect})`,
    () => {
      let schema: TestSchema | undefined;
      let server: TestServer;
      let transport: TestTransport;
      let sender: DeliverySender;
      let asAdmin: RecordingClient;
      let http: Recorder;
      let organisationId: string;

      const election = async (defaultLanguage: 'en' | 'fr', roll: string) => {
        const created = await asAdmin.post(`/api/v1/organisations/${organisationId}/elections`, {
          name: `Vote ${defaultLanguage}`,
          description: '',
          timeZone: 'Europe/Paris',
        });
        const e = (path = '') => `/api/v1/elections/${created.json.id}${path}`;
        expect((await asAdmin.put(e('/questions'), { questions: QUESTIONS })).status).toBe(200);
        const settings = await asAdmin.put(e('/delivery/settings'), {
          loginMode: 'one-time-code',
          passwordDelaySeconds: 0,
          helpContact: 'help@example.org',
          defaultLanguage,
        });
        expect(settings.status).toBe(200);
        expect((await asAdmin.request('PUT', e('/voters'), { text: roll })).status).toBe(200);
        expect((await asAdmin.post(e('/trustees/server'))).status).toBe(200);
        return { id: created.json.id as string, e };
      };

      beforeAll(async () => {
        if (dialect === 'postgres') schema = await freshSchema('roll');
        server = await startTestServer(schema ? { databaseUrl: schema.url } : {});
        http = new Recorder(server.app);
        transport = testTransport();
        sender = new DeliverySender(server.store, { transports: { email: transport }, backoffBaseMs: 1 });
        const admin = await addAccount(server, 'admin');
        organisationId = await addOrganisation(server, 'Union', admin);
        asAdmin = await http.client().signIn(admin.email, admin.password);
      });
      afterAll(async () => {
        await sender?.stop();
        await server?.close();
        await schema?.drop();
      });

      it("gives voters without a language the election's default, and mails them in it", async () => {
        const english = await election('en', 'ann@example.org,ann,1,Ann\nbea@example.org,bea,1,Bea,fr');
        const roll = (await asAdmin.get(english.e('/voters'))).json.voters;
        expect(roll.map((v: { login: string; language: string }) => [v.login, v.language])).toEqual([
          ['ann', 'en'],
          ['bea', 'fr'],
        ]);
        expect((await asAdmin.post(english.e('/delivery/credentials'))).status).toBe(200);
        const sent = new Map((await deliverAll()).map((m) => [m.to, m]));
        expect(sent.get('ann@example.org')!.subject).toMatch(/^Your voting credential/);
        expect(sent.get('ann@example.org')!.language).toBe('en');
        expect(sent.get('bea@example.org')!.subject).toMatch(/^Votre code de vote/);

        const french = await election('fr', 'cam@example.org,cam,1,Cam\ndan@example.org,dan,1,Dan,en');
        expect((await asAdmin.post(french.e('/delivery/credentials'))).status).toBe(200);
        const again = new Map((await deliverAll()).map((m) => [m.to, m]));
        expect(again.get('cam@example.org')!.subject).toMatch(/^Votre code de vote/);
        expect(again.get('dan@example.org')!.subject).toMatch(/^Your voting credential/);

        // The roll imported first, the language chosen after (the admin page's order): it still applies.
        const later = await election('fr', 'eli@example.org,eli,1,Eli');
        const settings = await asAdmin.put(later.e('/delivery/settings'), {
          loginMode: 'one-time-code',
          passwordDelaySeconds: 0,
          helpContact: 'help@example.org',
          defaultLanguage: 'en',
        });
        expect(settings.status).toBe(200);
        expect((await asAdmin.get(later.e('/voters'))).json.voters[0].language).toBe('en');
        expect((await asAdmin.post(later.e('/delivery/credentials'))).status).toBe(200);
        const third = await deliverAll();
        expect(third.map((m) => [m.to, m.language])).toEqual([['eli@example.org', 'en']]);
        expect(third[0]!.subject).toMatch(/^Your voting credential/);
      });

      it('adds, re-weighs and removes voters one at a time once credentials exist, each audited and counted', async () => {
        const { id, e } = await election('en', 'eve@example.org,eve,1,Eve\nfay@example.org,fay,1,Fay');
        expect((await asAdmin.post(e('/delivery/credentials'))).status).toBe(200);
        await deliverAll();
        const added = await asAdmin.post(e('/voters'), {
          email: 'gus@example.org',
          login: 'gus',
          weight: '2',
        });
        expect(added.status, added.body).toBe(201);
        expect(added.json).toMatchObject({ login: 'gus', credential: 'issued' });
        const gus = (await server.store.voters.list(id)).find((v) => v.login === 'gus')!;
        // Stored without a language: the election's default, wherever it is read.
        expect(gus).toMatchObject({ weight: '2', language: '' });
        const listed = (await asAdmin.get(e('/voters'))).json.voters.find(
          (v: { login: string }) => v.login === 'gus',
        );
        expect(listed.language).toBe('en');
        expect(gus.publicCredential).not.toBeNull();
        const toGus = (await deliverAll()).filter((m) => m.to === 'gus@example.org');
        expect(toGus.map((m) => credentialIn(m.text) !== undefined)).toEqual([true]);
        expect(toGus[0]!.subject).toMatch(/^Your voting credential/);
        // A login already on the roll is refused, and what was typed is not echoed.
        const twice = await asAdmin.post(e('/voters'), { email: 'other@example.org', login: 'gus' });
        expect([twice.status, twice.json.error.code]).toEqual([422, 'SCR_ROLL_INVALID_VOTER']);

        const fay = (await server.store.voters.list(id)).find((v) => v.login === 'fay')!;
        expect((await asAdmin.post(e(`/voters/${fay.id}/weight`), { weight: '3' })).json).toMatchObject({
          login: 'fay',
          credential: 'unchanged',
        });
        expect((await server.store.voters.get(fay.id))!.weight).toBe('3');
        const eve = (await server.store.voters.list(id)).find((v) => v.login === 'eve')!;
        expect((await asAdmin.post(e(`/voters/${eve.id}/remove`))).json).toMatchObject({
          login: 'eve',
          credential: 'removed',
        });
        const after = await server.store.voters.list(id);
        expect(after.map((v) => v.login)).toEqual(['fay', 'gus']);
        expect(after.map((v) => v.publicCredential)).not.toContain(eve.publicCredential);

        const audit = (await asAdmin.get(e('/audit'))).json.entries as {
          action: string;
          details: Record<string, unknown>;
        }[];
        expect(audit.filter((x) => x.action.startsWith('voter.')).map((x) => [x.action, x.details])).toEqual([
          [
            'voter.add',
            {
              login: 'gus',
              to: 'g***@example.org',
              weight: '2',
              stage: 'draft',
              afterCredentials: true,
              credential: 'issued',
            },
          ],
          [
            'voter.weight',
            {
              login: 'fay',
              from: '1',
              to: '3',
              stage: 'draft',
              afterCredentials: true,
              credential: 'unchanged',
            },
          ],
          [
            'voter.remove',
            {
              login: 'eve',
              from: 'e***@example.org',
              weight: '1',
              stage: 'draft',
              afterCredentials: true,
              credential: 'removed',
            },
          ],
        ]);
        // The roll as it now is opens (every voter has a credential); the public page (private while
        // a draft) counts the changes with their logins.
        expect((await asAdmin.post(e('/open'))).status).toBe(200);
        expect((await http.client().get(e())).json.rollChanges).toEqual({
          count: 3,
          logins: ['gus', 'fay', 'eve'],
        });
      });

      async function deliverAll() {
        const before = transport.accepted.length;
        await sender.drain();
        return transport.accepted.slice(before);
      }
    },
  );
