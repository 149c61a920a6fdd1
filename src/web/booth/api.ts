/**
 * The booth's HTTP client for the voter API (/api/v1/elections/:id/…). Every answer is parsed here,
 * at the boundary, and failures come back as values: an HTTP error with the server's coded,
 * already-translated message, a network failure, or an answer of the wrong shape. Only ballots
 * (ciphertexts and proofs) and the sign-in form leave the browser; never a clear vote or credential.
 */
import type { Language } from '../../i18n/index.js';

export type ElectionState = 'draft' | 'open' | 'closed' | 'tallied' | 'published' | 'annulled';

export interface ElectionInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly state: ElectionState;
  /** Exact election.json bytes once open: the fingerprint is computed over them. */
  readonly election: string | null;
  readonly closesAt: string | null;
  readonly timeZone: string;
}

export interface VoterSession {
  readonly voter: { readonly login: string; readonly displayName: string };
  readonly csrfToken: string;
}

export type ApiFailure =
  | { kind: 'http'; status: number; code: string; message: string }
  | { kind: 'network' }
  | { kind: 'bad-response'; status: number };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

const STATES: readonly ElectionState[] = ['draft', 'open', 'closed', 'tallied', 'published', 'annulled'];

type Parser<T> = (value: unknown) => T | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

const parseElectionInfo: Parser<ElectionInfo> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, name, description, state, election, closesAt, timeZone } = value;
  if (!isString(id) || !isString(name) || !isString(description) || !isString(timeZone)) return undefined;
  if (!STATES.includes(state as ElectionState) || !isStringOrNull(election) || !isStringOrNull(closesAt))
    return undefined;
  return { id, name, description, state: state as ElectionState, election, closesAt, timeZone };
};

const parseVoterSession: Parser<VoterSession> = (value) => {
  if (!isRecord(value) || !isRecord(value.voter) || !isString(value.csrfToken)) return undefined;
  const { login, displayName } = value.voter;
  if (!isString(login) || !isString(displayName)) return undefined;
  return { voter: { login, displayName }, csrfToken: value.csrfToken };
};

const parseBallotStatus: Parser<{ hasVoted: boolean }> = (value) =>
  isRecord(value) && typeof value.hasVoted === 'boolean' ? { hasVoted: value.hasVoted } : undefined;

const parseChallenge: Parser<{ challenge: string; group: string; uuid: string }> = (value) =>
  isRecord(value) && isString(value.challenge) && isString(value.group) && isString(value.uuid)
    ? { challenge: value.challenge, group: value.group, uuid: value.uuid }
    : undefined;

const parseAccepted: Parser<{ accepted: true }> = (value) =>
  isRecord(value) && value.accepted === true ? { accepted: true } : undefined;

const parseCastReceipt: Parser<{ tracker: string }> = (value) =>
  isRecord(value) && isString(value.tracker) ? { tracker: value.tracker } : undefined;

export class VoterApi {
  private readonly base: string;

  constructor(
    electionId: string,
    /** Read at each call: the server answers errors in the booth's current language. */
    private readonly language: () => Language,
  ) {
    this.base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  }

  getElection(): Promise<ApiResult<ElectionInfo>> {
    return this.request('GET', '', undefined, {}, parseElectionInfo);
  }

  login(login: string, password: string): Promise<ApiResult<VoterSession>> {
    return this.request('POST', '/voter/login', { login, password }, {}, parseVoterSession);
  }

  /** Mails a one-time sign-in code to the login's registered address (the same answer for any login). */
  requestCode(login: string): Promise<ApiResult<true>> {
    return this.request('POST', '/voter/code', { login }, {}, () => true as const);
  }

  /** Signs in with a code received by mail: what to do when the password is lost or refused. */
  codeLogin(login: string, code: string): Promise<ApiResult<VoterSession>> {
    return this.request('POST', '/voter/code/login', { login, code }, {}, parseVoterSession);
  }

  /** Whether a ballot of the signed-in voter is recorded already (and nothing else about it). */
  ballotStatus(): Promise<ApiResult<{ hasVoted: boolean }>> {
    return this.request('GET', '/voter/ballot-status', undefined, {}, parseBallotStatus);
  }

  /** The access test: a challenge bound to this session, then the proof of knowledge of the credential. */
  accessChallenge(): Promise<ApiResult<{ challenge: string; group: string; uuid: string }>> {
    return this.request('GET', '/voter/access-check', undefined, {}, parseChallenge);
  }

  accessCheck(
    challenge: string,
    proof: { challenge: string; response: string },
    csrfToken: string,
  ): Promise<ApiResult<{ accepted: true }>> {
    return this.request(
      'POST',
      '/voter/access-check',
      { challenge, proof },
      { 'x-csrf-token': csrfToken },
      parseAccepted,
    );
  }

  /** Succeeds only once the server has durably stored the ballot. */
  castBallot(ballot: string, csrfToken: string): Promise<ApiResult<{ tracker: string }>> {
    return this.request(
      'POST',
      '/voter/ballots',
      { ballot },
      { 'x-csrf-token': csrfToken },
      parseCastReceipt,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
    parse: Parser<T>,
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          'accept-language': this.language(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return { ok: false, failure: { kind: 'network' } };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { ok: false, failure: { kind: 'bad-response', status: response.status } };
    }
    if (!response.ok) {
      const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
      if (error && isString(error.code) && isString(error.message)) {
        return {
          ok: false,
          failure: { kind: 'http', status: response.status, code: error.code, message: error.message },
        };
      }
      return { ok: false, failure: { kind: 'bad-response', status: response.status } };
    }
    const value = parse(json);
    return value === undefined
      ? { ok: false, failure: { kind: 'bad-response', status: response.status } }
      : { ok: true, value };
  }
}
