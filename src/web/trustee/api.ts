/**
 * The trustee page's HTTP client: account sign-in, the trustee's duties on this election, the
 * threshold key-establishment relay, the public tally and shuffle phase, and the uploads. Every body
 * sent is public material (a public key, a certificate, a polynomial, a voutput, a shuffle, a partial decryption) or the
 * sign-in form; answers are parsed here, failures come back as values.
 */

import { AccountLoginReply, MeReply } from '../../contract/auth.js';
import type { ElectionState } from '../../contract/election.js';
import type { Language } from '../../i18n/index.js';
import { checked, isRecord, isString, type Parser, type Result, requestJson } from '../kit/http.js';

export interface AccountSession {
  readonly displayName: string;
  readonly csrfToken: string;
}

export interface SingleKeyInfo {
  readonly owner: number;
  readonly displayName: string;
  readonly keyId: string;
  readonly fingerprint: string;
}

export interface Duties {
  readonly election: { id: string; name: string; state: ElectionState; group: string };
  readonly singles: readonly SingleKeyInfo[];
  readonly threshold: { slot: number; owner: number } | null;
  readonly decrypted: readonly number[];
}

export type ThresholdStep = 'certificates' | 'polynomials' | 'voutputs' | 'done';

export interface ThresholdStatus {
  readonly group: string;
  readonly threshold: number;
  readonly step: ThresholdStep;
  readonly missing: readonly number[];
  readonly trustees: readonly {
    slot: number;
    owner: number;
    displayName: string;
    id: string | null;
    certificate: boolean;
    polynomial: boolean;
    voutput: boolean;
    you: boolean;
  }[];
}

export interface PublicTally {
  readonly trustees: string;
  readonly encryptedTally: string | null;
  readonly decrypted: readonly number[];
}

/** The shuffle phase (issue 18): whose turn it is, and the public ciphertexts the next shuffle takes. */
export interface ShufflePhase {
  readonly needed: boolean;
  readonly ended: boolean;
  readonly next: number | null;
  readonly shufflers: readonly { owner: number; status: 'shuffled' | 'skipped' | 'next' | 'waiting' }[];
  readonly input: string | null;
}

const SHUFFLER_STATUSES = ['shuffled', 'skipped', 'next', 'waiting'];

const parseShuffles: Parser<ShufflePhase> = (value) => {
  if (!isRecord(value) || typeof value.needed !== 'boolean' || typeof value.ended !== 'boolean')
    return undefined;
  if (!(value.next === null || isInt(value.next))) return undefined;
  if (!(value.input === null || isString(value.input)) || !Array.isArray(value.shufflers)) return undefined;
  const shufflers: ShufflePhase['shufflers'][number][] = [];
  for (const s of value.shufflers) {
    if (!isRecord(s) || !isInt(s.owner) || !SHUFFLER_STATUSES.includes(s.status as string)) return undefined;
    shufflers.push({ owner: s.owner, status: s.status as ShufflePhase['shufflers'][number]['status'] });
  }
  return { needed: value.needed, ended: value.ended, next: value.next, shufflers, input: value.input };
};

const STATES: readonly ElectionState[] = ['draft', 'open', 'closed', 'tallied', 'published', 'annulled'];
const STEPS: readonly ThresholdStep[] = ['certificates', 'polynomials', 'voutputs', 'done'];
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const isIntArray = (value: unknown): value is number[] => Array.isArray(value) && value.every(isInt);

const isLoginReply = checked(AccountLoginReply);
const isMeReply = checked(MeReply);

const parseSession: Parser<AccountSession> = (value) => {
  const reply = isLoginReply(value);
  return reply && { displayName: reply.account.displayName, csrfToken: reply.csrfToken };
};

/** /auth/me: an account session, or null for anyone else (anonymous, or a voter's session). */
const parseMe: Parser<AccountSession | null> = (value) => {
  const reply = isMeReply(value);
  if (!reply) return undefined;
  return reply.kind === 'account'
    ? { displayName: reply.account.displayName, csrfToken: reply.csrfToken }
    : null;
};

const parseSingle: Parser<SingleKeyInfo> = (value) => {
  if (!isRecord(value)) return undefined;
  const { owner, displayName, keyId, fingerprint } = value;
  return isInt(owner) && isString(displayName) && isString(keyId) && isString(fingerprint)
    ? { owner, displayName, keyId, fingerprint }
    : undefined;
};

const parseDuties: Parser<Duties> = (value) => {
  if (!isRecord(value) || !isRecord(value.election) || !Array.isArray(value.singles)) return undefined;
  const { id, name, state, group } = value.election;
  if (!isString(id) || !isString(name) || !isString(group) || !STATES.includes(state as ElectionState))
    return undefined;
  const singles = value.singles.map(parseSingle);
  if (singles.some((s) => s === undefined) || !isIntArray(value.decrypted)) return undefined;
  let threshold: Duties['threshold'] = null;
  if (value.threshold !== null) {
    if (!isRecord(value.threshold) || !isInt(value.threshold.slot) || !isInt(value.threshold.owner))
      return undefined;
    threshold = { slot: value.threshold.slot, owner: value.threshold.owner };
  }
  return {
    election: { id, name, state: state as ElectionState, group },
    singles: singles as SingleKeyInfo[],
    threshold,
    decrypted: value.decrypted,
  };
};

const parseStatus: Parser<ThresholdStatus> = (value) => {
  if (!isRecord(value) || !isString(value.group) || !isInt(value.threshold)) return undefined;
  if (
    !STEPS.includes(value.step as ThresholdStep) ||
    !isIntArray(value.missing) ||
    !Array.isArray(value.trustees)
  )
    return undefined;
  const trustees: ThresholdStatus['trustees'][number][] = [];
  for (const t of value.trustees) {
    if (!isRecord(t) || !isInt(t.slot) || !isInt(t.owner) || !isString(t.displayName)) return undefined;
    if (!(t.id === null || isString(t.id))) return undefined;
    trustees.push({
      slot: t.slot,
      owner: t.owner,
      displayName: t.displayName,
      id: t.id,
      certificate: t.certificate === true,
      polynomial: t.polynomial === true,
      voutput: t.voutput === true,
      you: t.you === true,
    });
  }
  return {
    group: value.group,
    threshold: value.threshold,
    step: value.step as ThresholdStep,
    missing: value.missing,
    trustees,
  };
};

const field =
  (name: string): Parser<string> =>
  (value) =>
    isRecord(value) && isString(value[name]) ? value[name] : undefined;

const parseTally: Parser<PublicTally> = (value) => {
  if (!isRecord(value) || !isString(value.trustees) || !isIntArray(value.decrypted)) return undefined;
  if (!(value.encryptedTally === null || isString(value.encryptedTally))) return undefined;
  return { trustees: value.trustees, encryptedTally: value.encryptedTally, decrypted: value.decrypted };
};

const anything: Parser<true> = () => true;

export class TrusteeApi {
  private readonly base: string;
  private csrfToken: string | undefined;

  constructor(
    electionId: string,
    private readonly language: () => Language,
  ) {
    this.base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  }

  private get<T>(url: string, parse: Parser<T>): Promise<Result<T>> {
    return requestJson('GET', url, { language: this.language(), problemInMessage: true }, parse);
  }

  private post<T>(url: string, body: unknown, parse: Parser<T>): Promise<Result<T>> {
    return requestJson(
      'POST',
      url,
      {
        language: this.language(),
        problemInMessage: true,
        body,
        ...(this.csrfToken === undefined ? {} : { csrfToken: this.csrfToken }),
      },
      parse,
    );
  }

  async me(): Promise<Result<AccountSession | null>> {
    const result = await this.get('/api/v1/auth/me', parseMe);
    if (result.ok && result.value) this.csrfToken = result.value.csrfToken;
    return result;
  }

  async login(email: string, password: string): Promise<Result<AccountSession>> {
    const result = await this.post('/api/v1/auth/login', { email, password }, parseSession);
    if (result.ok) this.csrfToken = result.value.csrfToken;
    return result;
  }

  async logout(): Promise<Result<true>> {
    const result = await this.post('/api/v1/auth/logout', undefined, anything);
    this.csrfToken = undefined;
    return result;
  }

  duties(): Promise<Result<Duties>> {
    return this.get(`${this.base}/trustee`, parseDuties);
  }

  /** The exact election.json (for the partial decryption's proofs), from the public summary. */
  electionJson(): Promise<Result<string>> {
    return this.get(this.base, field('election'));
  }

  tally(): Promise<Result<PublicTally>> {
    return this.get(`${this.base}/tally`, parseTally);
  }

  uploadSingleKey(publicKey: string): Promise<Result<true>> {
    return this.post(`${this.base}/trustees/single/own`, { publicKey }, anything);
  }

  thresholdStatus(): Promise<Result<ThresholdStatus>> {
    return this.get(`${this.base}/trustees/threshold`, parseStatus);
  }

  certificates(): Promise<Result<string>> {
    return this.get(`${this.base}/trustees/threshold/certs`, field('certs'));
  }

  vinput(slot: number): Promise<Result<string>> {
    return this.get(`${this.base}/trustees/threshold/${slot}/vinput`, field('vinput'));
  }

  /** The trustee's share x_j sealed to the trustee itself (`<id>.dkey`): only the key file opens it. */
  sealedShare(slot: number): Promise<Result<string>> {
    return this.get(`${this.base}/trustees/threshold/${slot}/decryption-key`, field('decryptionKey'));
  }

  sendThreshold(
    slot: number,
    step: 'cert' | 'polynomial' | 'voutput',
    text: string,
  ): Promise<Result<ThresholdStatus>> {
    return this.post(`${this.base}/trustees/threshold/${slot}/${step}`, { [step]: text }, parseStatus);
  }

  shuffles(): Promise<Result<ShufflePhase>> {
    return this.get(`${this.base}/shuffles`, parseShuffles);
  }

  sendShuffle(owner: number, shuffle: string): Promise<Result<ShufflePhase>> {
    return this.post(`${this.base}/shuffles`, { owner, shuffle }, parseShuffles);
  }

  sendPartialDecryption(owner: number, partialDecryption: string): Promise<Result<true>> {
    return this.post(`${this.base}/partial-decryptions`, { owner, partialDecryption }, anything);
  }
}
