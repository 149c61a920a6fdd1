/**
 * The builder of test situations, for every test folder: organisation → admin
 * (`organisationWithAdmin`) → election (`draftElection`, or `mailedElection` for delivery) → opened,
 * closed, tallied, published (`advance`); a consultation with its boxes is in ./consultation.ts.
 * Written the way `scrutin demo` sets an election up (src/cli/scrutin/demo.ts) but keeping every secret the test needs: account and voter passwords,
 * private credentials, and the private keys of the external Single trustees (generated here, as a
 * trustee would on their side). Elections are driven through the ElectionService; tests that are
 * about the HTTP API do the steps they check through it.
 */

import { randomBytes } from 'node:crypto';
import { randomBase58 } from '../../src/core/base58.js';
import { encode } from '../../src/core/codec.js';
import { parsePrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import {
  type AccountId,
  accountId,
  type ElectionId,
  type OrganisationId,
  organisationId,
} from '../../src/core/ids.js';
import { secret } from '../../src/core/secret.js';
import type { Actor } from '../../src/election/actor.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import { partialDecryptionCodec } from '../../src/protocol/messages.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { computePartialDecryption } from '../../src/protocol/tally.js';
import { hashPassword } from '../../src/server/auth/index.js';
import type { ElectionState, Role } from '../../src/store/store.js';
import type { TestServer } from './server.js';

/** What the builders use of a server: its store and election service (any mode but `process`). */
export type World = Pick<TestServer, 'store' | 'elections'>;

export const QUESTIONS = [
  {
    answers: ['Alice Martin', 'Bruno Diallo', 'Chloé Nguyen'],
    min: 1,
    max: 1,
    question: 'Who should chair the federation?',
  },
  {
    answers: ['Budget A', 'Budget B', 'Budget C'],
    blank: true,
    min: 1,
    max: 2,
    question: 'Which budget lines do you support (up to two)?',
  },
];

export interface TestAccount {
  readonly id: AccountId;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
}

export interface TestVoter {
  readonly id: string;
  readonly login: string;
  readonly email: string;
  readonly password: string;
  /** The private credential, dashed (XXX-XXX-XXX-XXX-XXX). */
  readonly credential: string;
}

export interface SingleTrustee {
  /** 1-based owner number in the trustees structure. */
  readonly owner: number;
  readonly publicKey: string;
  readonly privateKey: bigint;
}

export interface TestElection {
  readonly id: ElectionId;
  readonly organisationId: string;
  readonly voters: TestVoter[];
  readonly singles: SingleTrustee[];
}

/** A password nobody would type by chance, so a search for it finds only leaks. */
export const plantedPassword = (label: string) => `pw-${label}-${randomBase58(20)}`;

export async function addAccount(
  server: World,
  label: string,
  options: { isOperator?: boolean } = {},
): Promise<TestAccount> {
  const account = {
    id: accountId(randomBytes(9).toString('base64url')),
    email: `${label}-${randomBytes(4).toString('hex')}@example.org`,
    displayName: `Account ${label}`,
    password: plantedPassword(label),
  };
  await server.store.accounts.createAccount({
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(secret(account.password, 'password')),
    isOperator: options.isOperator ?? false,
    createdAt: new Date().toISOString(),
  });
  return account;
}

export async function addOrganisation(
  server: World,
  name: string,
  admin?: TestAccount,
): Promise<OrganisationId> {
  const id = organisationId(randomBytes(9).toString('base64url'));
  await server.store.accounts.createOrganisation({ id, name, createdAt: new Date().toISOString() });
  if (admin)
    await server.store.accounts.addMembership({ organisationId: id, accountId: admin.id, role: 'org-admin' });
  return id;
}

/** An organisation and its admin (an account with the `org-admin` membership). */
export async function organisationWithAdmin(
  server: World,
  name = 'Federation',
  label = 'admin',
): Promise<{ organisationId: OrganisationId; admin: TestAccount }> {
  const admin = await addAccount(server, label);
  const organisationId = await addOrganisation(server, name, admin);
  return { organisationId, admin };
}

export async function grant(
  server: World,
  electionId: ElectionId,
  account: TestAccount,
  role: Role,
): Promise<void> {
  await server.store.elections.addRole({ electionId, accountId: account.id, role });
}

/**
 * A draft election of `organisation` ready to open: questions, `voters` voters with credentials
 * and passwords, the server's key (unless `serverKey: false`) and `singles` external Single trustees.
 */
export async function draftElection(
  server: World,
  organisation: string,
  admin: Actor,
  options: { voters: number; serverKey?: boolean; singles?: number; name?: string; csv?: string },
): Promise<TestElection> {
  const { elections, store } = server;
  const row = await elections.create(organisationId(organisation), admin, {
    name: options.name ?? 'Federation vote',
    description: 'A test election.',
    timeZone: 'Europe/Paris',
  });
  await elections.setQuestions(row.id, admin, QUESTIONS);
  const csv =
    options.csv ??
    Array.from(
      { length: options.voters },
      (_, i) => `voter${i + 1}@example.org,voter${i + 1},1,Voter ${i + 1}`,
    ).join('\n');
  await elections.importVoters(row.id, admin, csv, 'en');
  const group = requireGroup(row.groupName);
  if (options.serverKey ?? true) await elections.useServerTrustee(row.id, admin);
  const singles: SingleTrustee[] = [];
  for (let i = 0; i < (options.singles ?? 0); i++) {
    const { privateKey, publicKey } = generateTrusteeKey(group);
    const serialized = serializeTrusteePublicKey(publicKey);
    await elections.addSingleTrustee(row.id, admin, {
      displayName: `Trustee ${i + 1}`,
      accountId: null,
      publicKey: serialized,
    });
    singles.push({
      owner: (await store.trustees.list(row.id)).length,
      publicKey: serialized,
      privateKey: privateKey.reveal(),
    });
  }
  const voters = await issueVoterSecrets(server, row.id, admin);
  return { id: row.id, organisationId: organisation, voters, singles };
}

/**
 * Server-mode credentials for every voter of a draft election (handed out once, outside the API)
 * and a planted password each, whose hashes the store keeps: the voters with their secrets.
 */
export async function issueVoterSecrets(
  server: World,
  electionId: ElectionId,
  admin: Actor,
): Promise<TestVoter[]> {
  const issued = await server.elections.generateServerCredentials(electionId, admin);
  const voters: TestVoter[] = [];
  const hashes: { voterId: string; passwordHash: string }[] = [];
  for (const credential of issued) {
    const password = plantedPassword(credential.login);
    hashes.push({
      voterId: credential.voterId,
      passwordHash: await hashPassword(secret(password, 'password')),
    });
    voters.push({
      id: credential.voterId,
      login: credential.login,
      email: credential.email,
      password,
      credential: credential.credential,
    });
  }
  await server.store.voters.setSecrets(electionId, hashes);
  return voters;
}

/** A ballot of `voter` for `plaintext`, made by the core as the booth makes it. */
export async function ballotOf(
  server: World,
  electionId: ElectionId,
  voter: TestVoter,
  plaintext: number[][],
): Promise<string> {
  const row = await server.elections.get(electionId);
  if (!row.electionJson) throw new Error('the election is not open');
  const parsed = parsePrivateCredential(voter.credential);
  if (!parsed.ok) throw new Error('bad credential');
  return serializeBallot(createBallot(loadElection(row.electionJson), parsed.credential, plaintext));
}

/** The partial decryption of a Single trustee, computed on "their side" from the public board. */
export async function partialDecryptionOf(
  server: World,
  electionId: ElectionId,
  trustee: SingleTrustee,
): Promise<string> {
  const { state } = await server.elections.board.state(electionId);
  if (!state?.tally) throw new Error('no encrypted tally yet');
  return encode(partialDecryptionCodec, computePartialDecryption(state.ctx, state.tally, trustee.privateKey));
}

const ORDER: readonly ElectionState[] = ['draft', 'open', 'closed', 'tallied', 'published'];

/**
 * Moves an election forward to `target` through the service: opens it, casts `votes` (one ballot per
 * listed voter), closes, tallies (the server key decrypts its share), has every Single trustee
 * decrypt, publishes.
 */
export async function advance(
  server: World,
  election: TestElection,
  admin: Actor,
  target: ElectionState,
  votes: readonly number[][][] = [],
): Promise<void> {
  const { elections } = server;
  const at = (state: ElectionState) => ORDER.indexOf(state);
  const current = async () => (await elections.get(election.id)).state;
  if (at(await current()) < at('open') && at(target) >= at('open')) {
    await elections.open(election.id, admin);
    for (const [i, plaintext] of votes.entries()) {
      await elections.castBallot(
        election.id,
        election.voters[i]!.id,
        await ballotOf(server, election.id, election.voters[i]!, plaintext),
      );
    }
  }
  if ((await current()) === 'open' && at(target) >= at('closed')) await elections.close(election.id, admin);
  if ((await current()) === 'closed' && at(target) >= at('tallied')) {
    await elections.tally(election.id, admin);
    for (const trustee of election.singles) {
      await elections.submitPartialDecryption(
        election.id,
        admin,
        trustee.owner,
        await partialDecryptionOf(server, election.id, trustee),
      );
    }
  }
  if ((await current()) === 'tallied' && at(target) >= at('published'))
    await elections.publish(election.id, admin);
  if ((await current()) !== target) throw new Error(`election is ${await current()}, expected ${target}`);
}

/**
 * A draft election whose voters' credentials are issued and queued for mailing (by
 * `issueServerCredentials`, links to https://vote.example.org): `roll` is the voters' logins (each
 * mailed at login@example.org); the sender the test starts delivers them.
 */
export async function mailedElection(
  server: World,
  organisation: string,
  admin: Actor,
  options: { roll: readonly string[]; loginMode: 'password' | 'one-time-code' },
): Promise<ElectionId> {
  const { elections, store } = server;
  const { id } = await elections.create(organisationId(organisation), admin, {
    name: 'Vote',
    description: '',
    timeZone: 'UTC',
  });
  await elections.setQuestions(id, admin, QUESTIONS);
  const roll = options.roll.map((login) => `${login}@example.org,${login},1,${login}`);
  await elections.importVoters(id, admin, roll.join('\n'), 'en');
  await store.delivery.saveSettings({
    electionId: id,
    loginMode: options.loginMode,
    passwordDelaySeconds: 0,
    helpContact: '',
    defaultLanguage: 'en',
  });
  await elections.issueServerCredentials(id, admin, {
    store,
    clock: { now: () => new Date() },
    config: { baseUrl: 'https://vote.example.org' },
  });
  return id;
}
