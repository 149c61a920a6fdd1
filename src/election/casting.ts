/**
 * Casting a ballot in an open election: the voter's credential, the ballot's form and proofs (the
 * server's checker), then the board's group commit, which settles duplicates and replays.
 */
import { DomainError } from '../errors/catalogue.js';
import { parseBallot } from '../protocol/ballot-box.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import type { Store } from '../store/store.js';
import type { BoardService } from './board.js';
import { MAX_BALLOT_BYTES } from './questions.js';
import type { ElectionRecords } from './records.js';

export class BallotCasting {
  constructor(
    private readonly records: ElectionRecords,
    private readonly board: BoardService,
    private readonly checker: BallotBatchChecker,
  ) {}

  private get store(): Store {
    return this.records.store;
  }

  async castBallot(electionId: string, voterId: string, rawBallot: string): Promise<{ tracker: string }> {
    const row = await this.records.get(electionId);
    const now = this.records.nowIso();
    if (row.state !== 'open' || (row.closesAt !== null && row.closesAt <= now))
      throw new DomainError('SCR_VOTING_CLOSED');
    const voter = await this.store.voters.get(voterId);
    if (voter?.electionId !== electionId || !voter.publicCredential) throw new DomainError('SCR_FORBIDDEN');
    if (rawBallot.length > MAX_BALLOT_BYTES) throw new DomainError('SCR_PAYLOAD_TOO_LARGE');
    const raw = rawBallot.trim();
    const parsed = parseBallot(raw);
    if (!parsed.ok) throw new DomainError('SCR_BALLOT_MALFORMED', { problem: parsed.problem });
    // Issue 17: a holder casts for each giver whose accepted proxy they hold, with the giver's
    // credential (sent to the holder only); the ballot is the giver's. A giver whose proxy is in
    // force does not vote in person.
    const proxies = await this.store.proxies.list(electionId);
    if (proxies.some((p) => p.giverId === voter.id && p.state === 'accepted'))
      throw new DomainError('SCR_PROXY_ACTIVE');
    const credential = parsed.ballot.credential.toString();
    let castFor = voter;
    if (credential !== voter.publicCredential) {
      for (const p of proxies.filter((p) => p.holderId === voter.id && p.state === 'accepted')) {
        const giver = await this.store.voters.get(p.giverId);
        if (giver?.electionId === electionId && giver.publicCredential === credential) castFor = giver;
      }
      if (castFor === voter) throw new DomainError('SCR_BALLOT_WRONG_CREDENTIAL');
    }
    const { state } = await this.board.state(electionId);
    if (!state) throw new DomainError('SCR_VOTING_CLOSED');
    const [verdict] = await this.checker(state.ctx, [raw]);
    if (!verdict!.ok) throw new DomainError('SCR_BALLOT_INVALID', { reason: verdict!.reason });
    const appended = await this.board.append(electionId, 'Ballot', [raw], {
      ballot: { tracker: parsed.tracker, voterId: castFor.id, credential },
      ballotVerdict: verdict,
    });
    if (!appended.ok) {
      if (appended.reason === 'duplicate-tracker' || appended.failure?.reason === 'replay')
        throw new DomainError('SCR_BALLOT_DUPLICATE');
      if (appended.failure?.check === 'chain') throw new DomainError('SCR_VOTING_CLOSED');
      throw new DomainError('SCR_BALLOT_INVALID', { problem: appended.failure?.message });
    }
    return { tracker: parsed.tracker };
  }
}
