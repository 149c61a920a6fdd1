/**
 * Proxies (procurations, issue 17). Before opening, a voter signed in to their own election gives
 * their vote to another voter of it; the holder, signed in too, accepts or declines. On acceptance
 * the giver's credential is *replaced* (the one in the giver's mailbox is never sealed) and the new
 * one is queued to the holder's registered address only, beside the holder's own: the holder casts
 * one ballot per mandate, with the giver's credential and so the giver's weight, and the board
 * records it as the giver's. A revocation before opening (by either) replaces the credential again
 * and sends the new one to the giver. Nobody else can create, accept or revoke a proxy: there is no
 * admin route that does, so no administrator can make a proxy in a voter's name. Every step is
 * audited (logins, never an address or a credential), listed for the election's staff and
 * scrutineers, counted on the public page and in the procès-verbal.
 *
 * Choices where the issue is silent, as French statutes usually say: one proxy per giver; a cap per
 * holder (default 1, 0 for none), set by the admin before opening; no chains (a giver holds none, a
 * holder gives none); a proxy not accepted at opening lapses; the giver cannot vote in person while
 * their proxy is in force (they no longer hold a sealed credential); the server must be the
 * credential authority (an external authority would have to move the credential itself).
 */
import { sha256Hex } from '../core/hash.js';
import type { Secret } from '../core/secret.js';
import { type Actor, auditElection, randomId } from '../election/actor.js';
import { DomainError } from '../errors/catalogue.js';
import type { ElectionRow, ProxyRow, ProxyState, Store, VoterRow } from '../store/store.js';
import { replaceVoterCredential } from './credential-swap.js';
import type { QueueCredentialMessage, RecoveryService } from './service.js';

/** Without a setting of the election's: one mandate per holder. */
export const DEFAULT_MAX_PER_HOLDER = 1;
export const MAX_PER_HOLDER_LIMIT = 10;

/** Queues the giver's credential to the holder's registered address, in `tx` (the outbox is a table). */
export type QueueProxyCredential = (
  message: {
    electionId: string;
    holderId: string;
    giverId: string;
    credential: Secret<string, string>;
    idempotencyKey: string;
  },
  tx: Store,
) => Promise<void>;

/** A proxy as its parties and the staff see it: logins and display names, never an address. */
export interface ProxyView {
  readonly id: string;
  readonly giver: { readonly login: string; readonly displayName: string };
  readonly holder: { readonly login: string; readonly displayName: string };
  /** `lapsed`: still requested when the election opened. */
  readonly state: ProxyState;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly revokedBy: 'giver' | 'holder' | null;
  readonly revokedAt: string | null;
}

export interface ProxyCounts {
  readonly maxPerHolder: number;
  /** Accepted proxies (in force). */
  readonly inForce: number;
  /** Voters holding at least one. */
  readonly holders: number;
}

const LIVE: readonly ProxyState[] = ['requested', 'accepted'];

export class ProxyService {
  constructor(
    private readonly store: Store,
    private readonly clock: { now(): Date },
    private readonly recovery: RecoveryService,
    private readonly queueToGiver: QueueCredentialMessage,
    private readonly queueToHolder: QueueProxyCredential,
  ) {}

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  private async election(electionId: string): Promise<ElectionRow> {
    const row = await this.store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  async maxPerHolder(electionId: string): Promise<number> {
    return (await this.store.proxies.getMaxPerHolder(electionId)) ?? DEFAULT_MAX_PER_HOLDER;
  }

  /** The admin's setting, before opening; lowering it below what a holder holds already is refused. */
  async setMaxPerHolder(
    electionId: string,
    actor: Actor,
    maxPerHolder: number,
  ): Promise<{ maxPerHolder: number }> {
    if (!Number.isInteger(maxPerHolder) || maxPerHolder < 0 || maxPerHolder > MAX_PER_HOLDER_LIMIT)
      throw new DomainError('SCR_INVALID_PROXY_SETTINGS');
    const row = await this.election(electionId);
    if (row.state !== 'draft')
      throw new DomainError('SCR_PROXY_NOT_AVAILABLE', { problem: 'proxies are settled before opening' });
    const held = heldCounts(await this.store.proxies.list(electionId));
    if ([...held.values()].some((n) => n > maxPerHolder))
      throw new DomainError('SCR_PROXY_CAP', { problem: 'a voter already holds more proxies than this' });
    await this.store.transaction(async (tx) => {
      await tx.proxies.setMaxPerHolder(electionId, maxPerHolder, this.nowIso());
      await auditElection(tx, row, actor, 'proxy.settings', { maxPerHolder });
    });
    return { maxPerHolder };
  }

  /** Why a proxy cannot change now, or nothing. */
  private async assertChangeable(row: ElectionRow): Promise<number> {
    if (row.state !== 'draft')
      throw new DomainError('SCR_PROXY_NOT_AVAILABLE', { problem: 'voting has opened: proxies are settled' });
    if (row.credentialMode !== 'server')
      throw new DomainError('SCR_PROXY_NOT_AVAILABLE', {
        problem:
          'proxies need the server as credential authority, once it has sent the credentials (an external authority would have to move them itself)',
      });
    const max = await this.maxPerHolder(row.id);
    if (max === 0)
      throw new DomainError('SCR_PROXY_NOT_AVAILABLE', { problem: 'this election allows no proxies' });
    return max;
  }

  /** The giver, signed in, names the holder by login. */
  async give(electionId: string, giverId: string, holderLogin: string): Promise<ProxyView> {
    const row = await this.election(electionId);
    const max = await this.assertChangeable(row);
    const giver = await this.voterOf(row, giverId);
    const holder = await this.store.voters.findByLogin(electionId, holderLogin.trim());
    if (!holder) throw new DomainError('SCR_PROXY_HOLDER_UNKNOWN');
    if (holder.id === giver.id) throw new DomainError('SCR_PROXY_SELF');
    const proxies = await this.store.proxies.list(electionId);
    if (proxies.some((p) => p.giverId === giver.id && LIVE.includes(p.state)))
      throw new DomainError('SCR_PROXY_ALREADY_GIVEN');
    if (
      proxies.some((p) => p.holderId === giver.id && p.state === 'accepted') ||
      proxies.some((p) => p.giverId === holder.id && LIVE.includes(p.state))
    )
      throw new DomainError('SCR_PROXY_CHAIN');
    if ((heldCounts(proxies).get(holder.id) ?? 0) >= max) throw new DomainError('SCR_PROXY_CAP');
    const proxy: ProxyRow = {
      id: randomId(),
      electionId,
      giverId: giver.id,
      holderId: holder.id,
      state: 'requested',
      createdAt: this.nowIso(),
      decidedAt: null,
      revokedBy: null,
      revokedAt: null,
    };
    await this.store.transaction(async (tx) => {
      // The election's version is bumped: two concurrent changes of one election's proxies conflict.
      await this.bump(tx, row);
      await tx.proxies.insert(proxy);
      await auditElection(tx, row, voterActor(giver), 'proxy.request', {
        proxyId: proxy.id,
        giver: giver.login,
        holder: holder.login,
      });
    });
    return view(proxy, new Map([giver, holder].map((v) => [v.id, v])), row);
  }

  /** The holder accepts: the giver's credential is replaced and the new one queued to the holder. */
  async accept(electionId: string, holderId: string, proxyId: string): Promise<ProxyView> {
    const row = await this.election(electionId);
    const max = await this.assertChangeable(row);
    const proxies = await this.store.proxies.list(electionId);
    const proxy = proxies.find((p) => p.id === proxyId && p.holderId === holderId && p.state === 'requested');
    if (!proxy) throw new DomainError('SCR_PROXY_NOT_YOURS');
    const holder = await this.voterOf(row, holderId);
    const giver = await this.voterOf(row, proxy.giverId);
    if (
      proxies.some((p) => p.giverId === holderId && LIVE.includes(p.state)) ||
      proxies.some((p) => p.holderId === giver.id && p.state === 'accepted')
    )
      throw new DomainError('SCR_PROXY_CHAIN');
    if ((heldCounts(proxies).get(holderId) ?? 0) >= max) throw new DomainError('SCR_PROXY_CAP');
    if (giver.publicCredential === null)
      throw new DomainError('SCR_PROXY_NOT_AVAILABLE', { problem: 'the voter has no credential yet' });
    const fresh = await this.recovery.freshCredential(row, giver.id);
    const at = this.nowIso();
    await this.store.transaction(async (tx) => {
      await this.swap(tx, row, giver, fresh, at);
      if (!(await tx.proxies.update(proxy.id, ['requested'], { state: 'accepted', decidedAt: at })))
        throw new DomainError('SCR_CONFLICT');
      await this.queueToHolder(
        {
          electionId,
          holderId,
          giverId: giver.id,
          credential: fresh.credential,
          idempotencyKey: `credential-proxy:${proxy.id}:${sha256Hex(fresh.publicCredential).slice(0, 32)}`,
        },
        tx,
      );
      await auditElection(tx, row, voterActor(holder), 'proxy.accept', {
        proxyId: proxy.id,
        giver: giver.login,
        holder: holder.login,
      });
    });
    return view(
      { ...proxy, state: 'accepted', decidedAt: at },
      new Map([giver, holder].map((v) => [v.id, v])),
      row,
    );
  }

  /** The holder declines a proxy offered to them; the giver's credential never moved. */
  async decline(electionId: string, holderId: string, proxyId: string): Promise<ProxyView> {
    const row = await this.election(electionId);
    await this.assertChangeable(row);
    const proxy = await this.store.proxies.get(proxyId);
    if (proxy?.electionId !== electionId || proxy.holderId !== holderId || proxy.state !== 'requested')
      throw new DomainError('SCR_PROXY_NOT_YOURS');
    const holder = await this.voterOf(row, holderId);
    const giver = await this.voterOf(row, proxy.giverId);
    const at = this.nowIso();
    await this.store.transaction(async (tx) => {
      if (!(await tx.proxies.update(proxy.id, ['requested'], { state: 'declined', decidedAt: at })))
        throw new DomainError('SCR_CONFLICT');
      await auditElection(tx, row, voterActor(holder), 'proxy.decline', {
        proxyId: proxy.id,
        giver: giver.login,
        holder: holder.login,
      });
    });
    return view(
      { ...proxy, state: 'declined', decidedAt: at },
      new Map([giver, holder].map((v) => [v.id, v])),
      row,
    );
  }

  /**
   * The giver takes their proxy back, or the holder gives it back, before opening. When it was
   * accepted the credential the holder received is replaced, and the new one goes to the giver.
   */
  async revoke(electionId: string, voterId: string, proxyId: string): Promise<ProxyView> {
    const row = await this.election(electionId);
    await this.assertChangeable(row);
    const proxy = await this.store.proxies.get(proxyId);
    if (
      proxy?.electionId !== electionId ||
      (proxy.giverId !== voterId && proxy.holderId !== voterId) ||
      !LIVE.includes(proxy.state)
    )
      throw new DomainError('SCR_PROXY_NOT_YOURS');
    const by = proxy.giverId === voterId ? 'giver' : 'holder';
    const holder = await this.voterOf(row, proxy.holderId);
    const giver = await this.voterOf(row, proxy.giverId);
    const wasAccepted = proxy.state === 'accepted';
    const fresh = wasAccepted ? await this.recovery.freshCredential(row, giver.id) : undefined;
    const at = this.nowIso();
    await this.store.transaction(async (tx) => {
      if (fresh) {
        await this.swap(tx, row, giver, fresh, at);
        await this.queueToGiver(
          {
            electionId,
            voterId: giver.id,
            credential: fresh.credential,
            purpose: 'credential-replacement',
            idempotencyKey: `credential-replacement:${electionId}:${giver.id}:${sha256Hex(fresh.publicCredential).slice(0, 32)}`,
          },
          tx,
        );
      } else {
        await this.bump(tx, row);
      }
      if (
        !(await tx.proxies.update(proxy.id, [proxy.state], {
          state: 'revoked',
          revokedBy: by,
          revokedAt: at,
        }))
      )
        throw new DomainError('SCR_CONFLICT');
      await auditElection(tx, row, voterActor(by === 'giver' ? giver : holder), 'proxy.revoke', {
        proxyId: proxy.id,
        giver: giver.login,
        holder: holder.login,
        by,
        wasAccepted,
      });
    });
    return view(
      { ...proxy, state: 'revoked', revokedBy: by, revokedAt: at },
      new Map([giver, holder].map((v) => [v.id, v])),
      row,
    );
  }

  /** What a voter sees: the proxy they gave, those offered to them and those they hold. */
  async mine(
    electionId: string,
    voterId: string,
  ): Promise<{
    maxPerHolder: number;
    open: boolean;
    given: ProxyView[];
    offered: ProxyView[];
    held: ProxyView[];
  }> {
    const row = await this.election(electionId);
    const all = await this.views(row);
    const mine = all.filter((p) => p.raw.giverId === voterId || p.raw.holderId === voterId);
    return {
      maxPerHolder: await this.maxPerHolder(electionId),
      open: row.state === 'draft',
      given: mine.filter((p) => p.raw.giverId === voterId).map((p) => p.view),
      offered: mine
        .filter((p) => p.raw.holderId === voterId && p.view.state === 'requested')
        .map((p) => p.view),
      held: mine.filter((p) => p.raw.holderId === voterId && p.view.state === 'accepted').map((p) => p.view),
    };
  }

  /** For the election's staff and scrutineers: every proxy with its history, and who holds how many. */
  async list(electionId: string): Promise<{
    maxPerHolder: number;
    proxies: ProxyView[];
    holders: { login: string; displayName: string; inForce: number }[];
  }> {
    const row = await this.election(electionId);
    const all = (await this.views(row)).map((p) => p.view);
    const holders = new Map<string, { login: string; displayName: string; inForce: number }>();
    for (const p of all.filter((v) => v.state === 'accepted')) {
      const entry = holders.get(p.holder.login) ?? { ...p.holder, inForce: 0 };
      holders.set(p.holder.login, { ...entry, inForce: entry.inForce + 1 });
    }
    return {
      maxPerHolder: await this.maxPerHolder(electionId),
      proxies: all,
      holders: [...holders.values()],
    };
  }

  /** For the public page and the procès-verbal: counts only. */
  async counts(electionId: string): Promise<ProxyCounts> {
    const held = heldCounts(await this.store.proxies.list(electionId));
    return {
      maxPerHolder: await this.maxPerHolder(electionId),
      inForce: [...held.values()].reduce((a, b) => a + b, 0),
      holders: held.size,
    };
  }

  private async views(row: ElectionRow): Promise<{ raw: ProxyRow; view: ProxyView }[]> {
    const voters = new Map((await this.store.voters.list(row.id)).map((v) => [v.id, v]));
    return (await this.store.proxies.list(row.id))
      .filter((p) => voters.has(p.giverId) && voters.has(p.holderId))
      .map((raw) => ({ raw, view: view(raw, voters, row) }));
  }

  private async voterOf(row: ElectionRow, voterId: string): Promise<VoterRow> {
    const voter = await this.store.voters.get(voterId);
    if (voter?.electionId !== row.id) throw new DomainError('SCR_PROXY_NOT_YOURS');
    return voter;
  }

  private async bump(tx: Store, row: ElectionRow): Promise<void> {
    const bumped = await tx.elections.update(row.id, row.version, { updatedAt: this.nowIso() });
    if (bumped?.state !== 'draft') throw new DomainError('SCR_CONFLICT');
  }

  private async swap(
    tx: Store,
    row: ElectionRow,
    giver: VoterRow,
    fresh: { publicCredential: string; escrow: Parameters<typeof replaceVoterCredential>[1]['escrow'] },
    at: string,
  ): Promise<void> {
    const swapped = await replaceVoterCredential(tx, {
      electionId: row.id,
      voterId: giver.id,
      expected: giver.publicCredential!,
      replacement: fresh.publicCredential,
      escrow: fresh.escrow,
      electionVersion: row.version,
      at,
    });
    if (!swapped) throw new DomainError('SCR_CONFLICT');
  }
}

/** Accepted proxies per holder id. */
function heldCounts(proxies: readonly ProxyRow[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const p of proxies) if (p.state === 'accepted') held.set(p.holderId, (held.get(p.holderId) ?? 0) + 1);
  return held;
}

function voterActor(voter: VoterRow): Actor {
  return { id: `voter:${voter.id}` };
}

function view(p: ProxyRow, voters: ReadonlyMap<string, VoterRow>, row: ElectionRow): ProxyView {
  const person = (id: string) => {
    const v = voters.get(id);
    return { login: v?.login ?? '', displayName: v?.displayName ?? '' };
  };
  return {
    id: p.id,
    giver: person(p.giverId),
    holder: person(p.holderId),
    state: p.state === 'requested' && row.state !== 'draft' ? 'lapsed' : p.state,
    createdAt: p.createdAt,
    decidedAt: p.decidedAt,
    revokedBy: p.revokedBy,
    revokedAt: p.revokedAt,
  };
}
