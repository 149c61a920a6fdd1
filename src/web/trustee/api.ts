/**
 * The trustee page's HTTP client: account sign-in, the trustee's duties on this election, the
 * threshold key-establishment relay, the public tally and shuffle phase, and the uploads. Every body
 * sent is public material (a public key, a certificate, a polynomial, a voutput, a shuffle, a partial
 * decryption) or the sign-in form; answers are checked here against their contract schemas
 * (src/contract/trustee.ts), failures come back as values.
 */

import { AccountLoginReply, MeReply } from '../../contract/auth.js';
import { PublicTally, ShufflePhase, ThresholdStatus, TrusteeDuties } from '../../contract/trustee.js';
import type { Language } from '../../i18n/index.js';
import { checked, isRecord, isString, type Parser, type Result, requestJson } from '../kit/http.js';

export interface AccountSession {
  readonly displayName: string;
  readonly csrfToken: string;
}

export type {
  PublicTally,
  ShufflePhase,
  SingleKeyInfo,
  ThresholdStatus,
  ThresholdStep,
} from '../../contract/trustee.js';

/** The trustee's duties as the page uses them (the account's name is read from the session). */
export type Duties = Omit<TrusteeDuties, 'account'>;

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

const parseDuties: Parser<Duties> = checked(TrusteeDuties);
const parseStatus: Parser<ThresholdStatus> = checked(ThresholdStatus);
const parseTally: Parser<PublicTally> = checked(PublicTally);
const parseShuffles: Parser<ShufflePhase> = checked(ShufflePhase);

const field =
  (name: string): Parser<string> =>
  (value) =>
    isRecord(value) && isString(value[name]) ? value[name] : undefined;

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
