/**
 * The composition root: every domain service built once, from the store, the clock, the ballot
 * checker and the configuration, and wired here — the election's listeners (recovery escrows and
 * refuses early, congress follows its boxes' annulments and publications) are given to its
 * constructor, so nothing is assigned later and no order of route registration matters. The server
 * (src/server/app.ts) and the commands (src/cli) take their services from here; route plugins only
 * read them.
 */

import { ConsultationService } from '../congress/consultations.js';
import { ElectionRulesService } from '../congress/election-rules-service.js';
import type { Clock } from '../core/clock.js';
import {
  type DeliveryContext,
  queueCredentialMessage,
  queueingIn,
  queueProxyCredential,
  queueRecoveryRefused,
} from '../delivery/index.js';
import { BoardService } from '../election/board.js';
import type { ElectionOutcomeListener } from '../election/listeners.js';
import { RollChanges } from '../election/roll-changes.js';
import { ElectionService } from '../election/service.js';
import { ThresholdService } from '../election/threshold.js';
import type { BallotBatchChecker } from '../protocol/verifier.js';
import { ProxyService } from '../recovery/proxies.js';
import { type QueueCredentialMessage, RecoveryService } from '../recovery/service.js';
import type { Store } from '../store/store.js';

/** What the services are built from. */
export interface ServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly checker: BallotBatchChecker;
  /** Read when a message is queued (links in mails): the server may set its base URL once listening. */
  readonly config: { readonly baseUrl: string; readonly nonHomomorphic?: boolean };
  /** Where recovered and replaced credentials leave: the delivery outbox unless a test captures them. */
  readonly queueCredential?: QueueCredentialMessage;
}

export interface Services {
  /** The delivery outbox's context: messages queued with the store, the clock and the base URL. */
  readonly delivery: DeliveryContext;
  readonly board: BoardService;
  readonly elections: ElectionService;
  readonly threshold: ThresholdService;
  readonly recovery: RecoveryService;
  readonly rollChanges: RollChanges;
  readonly consultations: ConsultationService;
  /** Each election's own rules: lists and seats, quorums, majorities, tie settlements (issue 17). */
  readonly rules: ElectionRulesService;
  /** Proxies voters give to other voters before opening (issue 17). */
  readonly proxies: ProxyService;
}

/** Sends through the delivery outbox (to the voter's registered address, rendered in their language). */
export function outboxQueue(delivery: DeliveryContext): QueueCredentialMessage {
  return async (message, tx) => {
    await queueCredentialMessage(queueingIn(delivery, tx), {
      electionId: message.electionId,
      voterId: message.voterId,
      credential: message.credential,
      purpose: message.purpose === 'credential-recovery' ? 'credential-recovery' : 'credential',
      idempotencyKey: message.idempotencyKey,
      ...(message.notBefore === undefined ? {} : { notBefore: message.notBefore }),
      ...(message.replacesEarlier === undefined ? {} : { replacesEarlier: message.replacesEarlier }),
      // Issue 16: a replacement says which earlier credential it replaces, and when that was sent.
      ...(message.purpose === 'credential-replacement' ? { replacement: true } : {}),
    });
  };
}

export function buildServices(deps: ServiceDeps): Services {
  const { store, clock, checker } = deps;
  const delivery: DeliveryContext = { store, clock, config: deps.config };
  const board = new BoardService(store, checker);
  const queueCredential = deps.queueCredential ?? outboxQueue(delivery);
  const recovery = new RecoveryService(store, clock, queueCredential, (electionId, voter, request, tx) =>
    queueRecoveryRefused(queueingIn(delivery, tx), electionId, voter, request),
  );
  // Congress is built on the election service it listens to: the listener forwards to it, and is
  // called only once both exist (an annulment or a publication, never during construction).
  const outcomes: ElectionOutcomeListener = {
    electionAnnulled: (tx, row, actor) => consultations.electionAnnulled(tx, row, actor),
    electionPublished: (row, actor) => consultations.electionPublished(row, actor),
  };
  // The election's own rules are sealed in the opening's transaction (they refuse a stale set first).
  const rules = new ElectionRulesService(store, clock);
  const elections = new ElectionService(
    store,
    board,
    clock,
    checker,
    { credentials: recovery, outcomes, opening: rules },
    { nonHomomorphic: deps.config.nonHomomorphic !== false },
  );
  const consultations = new ConsultationService(store, elections, clock, checker, delivery);
  return {
    delivery,
    board,
    elections,
    threshold: new ThresholdService(store, clock),
    recovery,
    rollChanges: new RollChanges(store, clock, elections, recovery, delivery),
    consultations,
    rules,
    proxies: new ProxyService(store, clock, recovery, queueCredential, (message, tx) =>
      queueProxyCredential(queueingIn(delivery, tx), message).then(() => undefined),
    ),
  };
}
