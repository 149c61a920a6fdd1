/**
 * `scrutin demo`: a local trial. It creates an organisation, an election with a few voters, its
 * keys and credentials, opens it, and prints each voter's login, password and voting link (the
 * credential travels in the link's fragment, which browsers never send to the server). Secrets are
 * printed on the terminal of the person running the demo and nowhere else; in a real election they
 * go to each voter only (see docs/threat-model.md).
 */

import { randomBytes } from 'node:crypto';
import { randomBase58 } from '../../core/base58.js';
import { accountId, type ElectionId, organisationId } from '../../core/ids.js';
import { secret } from '../../core/secret.js';
import { hashGeneratedSecret } from '../../delivery/index.js';
import type { ElectionService } from '../../election/service.js';
import { hashPassword } from '../../server/auth/index.js';
import type { Store } from '../../store/store.js';

export interface DemoVoter {
  login: string;
  password: string;
  credential: string;
  link: string;
}

export interface Demo {
  electionId: ElectionId;
  admin: { email: string; password: string };
  voters: DemoVoter[];
}

const QUESTIONS = [
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

export async function createDemo(
  store: Store,
  elections: ElectionService,
  baseUrl: string,
  voterCount = 4,
): Promise<Demo> {
  const now = new Date().toISOString();
  const organisation = {
    id: organisationId(randomBytes(9).toString('base64url')),
    name: 'Demo federation',
    createdAt: now,
  };
  await store.accounts.createOrganisation(organisation);
  const admin = { email: `admin-${organisation.id}@demo.invalid`, password: randomBase58(16) };
  const account = {
    id: accountId(randomBytes(9).toString('base64url')),
    email: admin.email,
    displayName: 'Demo admin',
    passwordHash: await hashPassword(secret(admin.password, 'password')),
    isOperator: false,
    createdAt: now,
  };
  await store.accounts.createAccount(account);
  await store.accounts.addMembership({
    organisationId: organisation.id,
    accountId: account.id,
    role: 'org-admin',
  });
  const election = await elections.create(organisation.id, account, {
    name: 'Demo vote: federation chair and budget',
    description:
      'A demonstration election. Votes are encrypted in your browser; anyone can verify the result.',
    timeZone: 'Europe/Paris',
  });
  await store.elections.addRole({ electionId: election.id, accountId: account.id, role: 'election-admin' });
  await elections.setQuestions(election.id, account, QUESTIONS);
  const csv = Array.from(
    { length: voterCount },
    (_, i) => `voter${i + 1}@demo.invalid,voter${i + 1},1,Voter ${i + 1}`,
  ).join('\n');
  await elections.importVoters(election.id, account, csv, 'en');
  await elections.useServerTrustee(election.id, account);
  const issued = await elections.generateServerCredentials(election.id, account);
  const voters: DemoVoter[] = [];
  const passwords: { voterId: string; passwordHash: string }[] = [];
  for (const credential of issued) {
    const password = randomBase58(12);
    passwords.push({
      voterId: credential.voterId,
      // As the delivery sender does for generated passwords (src/delivery/secrets.ts).
      passwordHash: await hashGeneratedSecret(secret(password, 'password')),
    });
    voters.push({
      login: credential.login,
      password,
      credential: credential.credential,
      link: `${baseUrl}/vote/${election.id}#credential=${credential.credential}`,
    });
  }
  await store.voters.setSecrets(election.id, passwords);
  await elections.open(election.id, account);
  return { electionId: election.id, admin, voters };
}
