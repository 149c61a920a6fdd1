/**
 * The booth's HTTP client for the voter API (/api/v1/elections/:id/…), on the kit's client: every
 * answer is checked against its schema from src/contract, and failures come back as values. Only
 * ballots (ciphertexts and proofs) and the sign-in form leave the browser; never a clear vote or
 * credential.
 */

import { type VoterLoginReply, VoterLoginReply as VoterLoginReplySchema } from '../../contract/auth.js';
import { type BoothElection, BoothElection as BoothElectionSchema } from '../../contract/election.js';
import { RulesAnswer } from '../../contract/election-rules.js';
import {
  type AccessAccepted,
  AccessAccepted as AccessAcceptedSchema,
  type AccessChallenge,
  AccessChallenge as AccessChallengeSchema,
  type BallotStatus,
  BallotStatus as BallotStatusSchema,
  type CastReceipt,
  CastReceipt as CastReceiptSchema,
} from '../../contract/voter.js';
import type { Language } from '../../i18n/index.js';
import { checked, type Parser, type Result, requestJson } from '../kit/http.js';

/** What the booth reads of the public summary. */
export type ElectionInfo = BoothElection;
export type VoterSession = VoterLoginReply;

const parseVoterSession = checked(VoterLoginReplySchema);

export class VoterApi {
  private readonly base: string;

  constructor(
    electionId: string,
    /** Read at each call: the server answers errors in the booth's current language. */
    private readonly language: () => Language,
  ) {
    this.base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  }

  getElection(): Promise<Result<ElectionInfo>> {
    return this.request('GET', '', undefined, undefined, checked(BoothElectionSchema));
  }

  /** The election's own rules (issue 17): the candidates of each list question. */
  getRules(): Promise<Result<RulesAnswer>> {
    return this.request('GET', '/rules', undefined, undefined, checked(RulesAnswer));
  }

  login(login: string, password: string): Promise<Result<VoterSession>> {
    return this.request('POST', '/voter/login', { login, password }, undefined, parseVoterSession);
  }

  /** Mails a one-time sign-in code to the login's registered address (the same answer for any login). */
  requestCode(login: string): Promise<Result<true>> {
    return this.request('POST', '/voter/code', { login }, undefined, () => true as const);
  }

  /** Signs in with a code received by mail: what to do when the password is lost or refused. */
  codeLogin(login: string, code: string): Promise<Result<VoterSession>> {
    return this.request('POST', '/voter/code/login', { login, code }, undefined, parseVoterSession);
  }

  /** Whether a ballot of the signed-in voter is recorded already (and nothing else about it). */
  ballotStatus(): Promise<Result<BallotStatus>> {
    return this.request('GET', '/voter/ballot-status', undefined, undefined, checked(BallotStatusSchema));
  }

  /** The access test: a challenge bound to this session, then the proof of knowledge of the credential. */
  accessChallenge(): Promise<Result<AccessChallenge>> {
    return this.request('GET', '/voter/access-check', undefined, undefined, checked(AccessChallengeSchema));
  }

  accessCheck(
    challenge: string,
    proof: { challenge: string; response: string },
    csrfToken: string,
  ): Promise<Result<AccessAccepted>> {
    return this.request(
      'POST',
      '/voter/access-check',
      { challenge, proof },
      csrfToken,
      checked(AccessAcceptedSchema),
    );
  }

  /** Succeeds only once the server has durably stored the ballot. */
  castBallot(ballot: string, csrfToken: string): Promise<Result<CastReceipt>> {
    return this.request('POST', '/voter/ballots', { ballot }, csrfToken, checked(CastReceiptSchema));
  }

  private request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    csrfToken: string | undefined,
    parse: Parser<T>,
  ): Promise<Result<T>> {
    const options = { language: this.language(), body, ...(csrfToken === undefined ? {} : { csrfToken }) };
    return requestJson(method, this.base + path, options, parse);
  }
}
