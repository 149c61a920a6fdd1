/**
 * The scrutineer console (/scrutineer/:electionId): one page to watch an election without seeing
 * anything secret — turnout (count and hour by hour), the public board's verification status, the
 * sealed hashes, delivery counts when the server tracks delivery, the audit log, and after closing
 * the sign-in list (who voted, never how). Everything comes from routes open to scrutineers.
 */

import { rollHash } from '../../core/roll-hash.js';
import { auditActionLabel } from '../../errors/audit-actions.js';
import { countsList } from '../kit/counts.js';
import { countsTable, type DeliveryCounts, fetchDeliveryCounts } from '../kit/delivery-counts.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { facts, formatInstant } from '../kit/format.js';
import { isRecord } from '../kit/http.js';
import { Shell } from '../kit/staff-shell.js';
import { consultationSection } from './consultation.js';

interface PublicElection {
  name: string;
  state: string;
  timeZone: string;
  opensAt: string | null;
  closesAt: string | null;
  sealed: { election: string; trustees: string; credentials: string } | null;
  annulReason: string | null;
  /** Per-voter changes of the roll after credentials were issued (issue 15). */
  rollChanges?: { count: number; logins: string[] };
}
interface RollVoter {
  login: string;
  displayName: string;
  weight: string;
  hasCredential: boolean;
}
interface Turnout {
  voters: number;
  voted: number;
  ballots: number;
  series: { hour: string; voted: number; cumulative: number }[];
}
interface Verification {
  verifiedHeight: number | null;
  phase: string;
  ok: boolean;
  /** `cannot-verify`: the board holds shuffles, not checked yet — not verified, and not a failure found. */
  outcome?: string;
  failure?: unknown;
  counts: Record<string, number>;
}
/** Recovery settings and request counts (src/server/routes/recovery.ts): counts only, no voter named. */
interface Recovery {
  recovery: string;
  officer: { fingerprint: string } | null;
  escrowed: number;
  requests: Record<string, number>;
}
interface AuditEntry {
  at?: string;
  time?: string;
  actor?: string;
  actorName?: string | null;
  action: string;
  details?: Record<string, unknown>;
}

function electionIdFromPath(pathname: string): string {
  const match = /^\/scrutineer\/([^/]+)\/?$/.exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : '';
  } catch {
    return '';
  }
}

const CLOSED_STATES = new Set(['closed', 'tallied', 'published', 'annulled']);

class Console {
  readonly shell: Shell;

  constructor(private readonly electionId: string) {
    this.shell = new Shell(() => void this.show());
  }

  private get base(): string {
    return `/api/v1/elections/${encodeURIComponent(this.electionId)}`;
  }

  async start(): Promise<void> {
    await this.shell.restore();
    await this.show();
  }

  async show(): Promise<void> {
    const t = this.shell.t.scrutineer;
    if (!this.shell.account) return this.shell.signIn(t.signInIntro, () => void this.show());
    this.shell.frame(t.title);
    const api = this.shell.api;
    const election = await api.get<PublicElection>(this.base);
    if (!election.ok) {
      replaceChildren(this.shell.screen, h('h1', {}, t.title));
      return this.shell.fail(election.failure);
    }
    const e = election.value;
    const [turnout, verification, audit, signIn, delivery, consultation] = await Promise.all([
      api.get<Turnout>(`${this.base}/turnout`),
      api.get<Verification>(`${this.base}/verification`),
      api.get<{ entries: AuditEntry[] }>(`${this.base}/audit`),
      CLOSED_STATES.has(e.state)
        ? api.get<{ voters: { login: string; displayName: string; voted: boolean }[] }>(
            `${this.base}/sign-in-list`,
          )
        : Promise.resolve(undefined),
      fetchDeliveryCounts(this.shell, this.electionId),
      consultationSection(this.shell, this.electionId),
    ]);
    const recovery = await api.get<Recovery>(`${this.base}/recovery`);
    const roll = await api.get<{ voters: RollVoter[] }>(`${this.base}/voters`);
    if (!turnout.ok) {
      // Not a scrutineer of this election: show nothing of it beyond what the public page shows.
      replaceChildren(this.shell.screen, h('h1', {}, t.title));
      return this.shell.fail(turnout.failure);
    }
    this.shell.frame(`${t.title} – ${e.name}`);
    const heading = h('h1', { tabindex: -1 }, e.name);
    const states = this.shell.t.admin.states as Record<string, string>;
    replaceChildren(
      this.shell.screen,
      h('p', { class: 'note' }, t.intro),
      heading,
      facts([
        [this.shell.t.admin.home.state, h('strong', { id: 'election-state' }, states[e.state] ?? e.state)],
        [this.shell.t.admin.schedule.opens, formatInstant(e.opensAt, e.timeZone, this.shell.language)],
        [this.shell.t.admin.schedule.closes, formatInstant(e.closesAt, e.timeZone, this.shell.language)],
      ]),
      e.annulReason
        ? h('p', { class: 'warning' }, this.shell.t.admin.election.annulledBecause(e.annulReason))
        : null,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'secondary', on: { click: () => void this.refresh() } },
          t.refresh,
        ),
      ),
      this.turnout(turnout.value),
      consultation,
      this.verification(verification.ok ? verification.value : undefined),
      this.sealed(e),
      this.delivery(delivery),
      this.recovery(recovery.ok ? recovery.value : undefined),
      this.roll(e, roll.ok ? roll.value.voters : undefined, audit.ok ? audit.value.entries : undefined),
      this.signInList(e.state, signIn),
      this.audit(audit.ok ? audit.value.entries : undefined),
    );
    focusElement(heading);
  }

  private async refresh(): Promise<void> {
    await this.show();
    this.shell.announce(this.shell.t.scrutineer.refreshed);
  }

  private section(id: string, title: string, ...children: (Node | string | null)[]): HTMLElement {
    return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
  }

  private turnout(turnout: Turnout): HTMLElement {
    const t = this.shell.t.scrutineer;
    const percent = turnout.voters === 0 ? 0 : Math.round((1000 * turnout.voted) / turnout.voters) / 10;
    return this.section(
      'turnout-heading',
      t.turnout,
      h('p', { id: 'turnout-count', class: 'big' }, t.turnoutCount(turnout.voted, turnout.voters, percent)),
      h('progress', { max: Math.max(turnout.voters, 1), value: turnout.voted, 'aria-label': t.turnout }),
      h('p', { class: 'hint' }, t.ballots(turnout.ballots)),
      turnout.series.length === 0
        ? h('p', {}, t.noBallots)
        : h(
            'table',
            { id: 'turnout-table' },
            h('caption', {}, t.overTime),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.hour),
                h('th', { scope: 'col', class: 'number' }, t.votedThatHour),
                h('th', { scope: 'col', class: 'number' }, t.cumulative),
              ),
            ),
            h(
              'tbody',
              {},
              ...turnout.series.map((s) =>
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    new Date(s.hour).toLocaleString(this.shell.t.format.locale, {
                      dateStyle: 'short',
                      timeStyle: 'short',
                    }),
                  ),
                  h('td', { class: 'number' }, String(s.voted)),
                  h('td', { class: 'number' }, String(s.cumulative)),
                ),
              ),
            ),
          ),
    );
  }

  private verification(status: Verification | undefined): HTMLElement {
    const t = this.shell.t.scrutineer;
    if (!status) return this.section('verification-heading', t.verification, h('p', {}, t.unavailable));
    return this.section(
      'verification-heading',
      t.verification,
      h(
        'p',
        { id: 'verification-status', class: status.ok ? 'ok-text' : 'bad-text' },
        status.ok
          ? t.verified(status.verifiedHeight ?? 0)
          : status.outcome === 'cannot-verify'
            ? t.cannotVerify
            : t.failed,
      ),
      !status.ok && isRecord(status.failure) && typeof status.failure.message === 'string'
        ? h('p', {}, status.failure.message)
        : null,
      h('p', { class: 'hint' }, t.phase(t.phases[status.phase] ?? status.phase)),
      countsList(status.counts, t.boardCounts),
      h('p', {}, h('a', { href: `${this.base}/archive.bel`, download: `${this.electionId}.bel` }, t.archive)),
    );
  }

  private sealed(e: PublicElection): HTMLElement {
    const t = this.shell.t.scrutineer;
    const a = this.shell.t.admin.election;
    return this.section(
      'sealed-heading',
      a.sealed,
      e.sealed
        ? facts([
            [a.fingerprint, h('code', {}, e.sealed.election)],
            [a.trusteesHash, h('code', {}, e.sealed.trustees)],
            [a.credentialsHash, h('code', {}, e.sealed.credentials)],
          ])
        : h('p', {}, t.notSealed),
    );
  }

  private delivery(counts: DeliveryCounts | undefined): HTMLElement {
    const t = this.shell.t.admin.delivery;
    return this.section(
      'delivery-heading',
      t.heading,
      counts ? countsTable(this.shell, counts) : h('p', { class: 'note' }, t.unavailable),
    );
  }

  /**
   * The roll as any camp checks eligibility with it (login, name, weight; never an address), its hash
   * computed here (core/roll-hash.ts) beside the one the opening's audit entry recorded, and every
   * change to it after credentials were issued (issue 15).
   */
  private roll(
    e: PublicElection,
    voters: RollVoter[] | undefined,
    entries: AuditEntry[] | undefined,
  ): HTMLElement {
    const r = this.shell.t.roll.page;
    const a = this.shell.t.admin.voters;
    const t = this.shell.t.scrutineer;
    const changes = e.rollChanges ?? { count: 0, logins: [] };
    const opened = entries?.find((entry) => entry.action === 'election.open')?.details?.rollHash;
    const hash = voters ? rollHash(voters) : undefined;
    return this.section(
      'roll-heading',
      r.roll,
      h('p', { class: 'hint' }, t.rollIntro),
      h('p', { id: 'roll-changes' }, h('strong', {}, r.count(changes.count))),
      changes.logins.length > 0
        ? h('p', { id: 'roll-change-logins' }, `${r.logins} ${changes.logins.join(', ')}`)
        : null,
      hash ? h('p', { id: 'roll-hash' }, t.rollHash(''), h('code', { class: 'hash' }, hash)) : null,
      typeof opened === 'string'
        ? h('p', { id: 'roll-sealed' }, t.rollSealed(''), h('code', { class: 'hash' }, opened))
        : hash
          ? h('p', { class: 'hint' }, t.rollNotSealed)
          : null,
      typeof opened === 'string' && hash
        ? h(
            'p',
            { id: 'roll-hash-check', class: opened === hash ? 'ok-text' : 'bad-text' },
            opened === hash ? t.rollMatches : t.rollDiffers,
          )
        : null,
      voters
        ? h(
            'div',
            { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': a.table },
            h(
              'table',
              { id: 'roll-table' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...[a.login, a.name, a.weight, a.credential].map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              h(
                'tbody',
                {},
                ...voters.map((v) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, v.login),
                    h('td', {}, v.displayName),
                    h('td', { class: 'number' }, v.weight),
                    h('td', {}, v.hasCredential ? this.shell.t.admin.yes : this.shell.t.admin.no),
                  ),
                ),
              ),
            ),
          )
        : h('p', {}, t.unavailable),
    );
  }

  private recovery(status: Recovery | undefined): HTMLElement | null {
    if (!status || !isRecord(status.requests)) return null;
    const t = this.shell.t.scrutineer;
    const c = this.shell.t.admin.credentials;
    // The scrutineer's own words: no instruction meant for the admin.
    return this.section(
      'recovery-heading',
      t.recovery,
      h(
        'p',
        { id: 'recovery-status' },
        t.recoveryChoice[status.recovery] ?? status.recovery,
        status.officer ? ` ${c.officerKey(status.officer.fingerprint)}` : '',
      ),
      h('p', { id: 'recovery-counts' }, t.recoveryCounts(status.requests)),
    );
  }

  private signInList(
    state: string,
    answer: Awaited<ReturnType<Console['shell']['api']['get']>> | undefined,
  ): HTMLElement {
    const t = this.shell.t.scrutineer;
    if (!CLOSED_STATES.has(state) || answer === undefined)
      return this.section('sign-in-heading', t.signInList, h('p', {}, t.afterClosing));
    if (!answer.ok) return this.section('sign-in-heading', t.signInList, h('p', {}, t.unavailable));
    const voters =
      isRecord(answer.value) && Array.isArray(answer.value.voters)
        ? (answer.value.voters as { login: string; displayName: string; voted: boolean }[])
        : [];
    return this.section(
      'sign-in-heading',
      t.signInList,
      h('p', {}, t.signInIntro2),
      h(
        'div',
        { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.signInTable },
        h(
          'table',
          { id: 'sign-in-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, this.shell.t.admin.voters.login),
              h('th', { scope: 'col' }, this.shell.t.admin.voters.name),
              h('th', { scope: 'col' }, t.voted),
            ),
          ),
          h(
            'tbody',
            {},
            ...voters.map((v) =>
              h(
                'tr',
                {},
                h('td', {}, v.login),
                h('td', {}, v.displayName),
                h('td', {}, v.voted ? this.shell.t.admin.yes : this.shell.t.admin.no),
              ),
            ),
          ),
        ),
      ),
      h('p', {}, h('a', { href: `${this.base}/exports/sign-in-list.csv` }, t.downloadCsv)),
    );
  }

  private audit(entries: AuditEntry[] | undefined): HTMLElement {
    const t = this.shell.t.scrutineer;
    if (!entries) return this.section('audit-heading', t.audit, h('p', {}, t.unavailable));
    const when = (e: AuditEntry) => {
      const at = e.at ?? e.time;
      return at
        ? new Date(at).toLocaleString(this.shell.t.format.locale, {
            dateStyle: 'short',
            timeStyle: 'medium',
          })
        : '';
    };
    const details = (e: AuditEntry) =>
      Object.entries(e.details ?? {})
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ');
    return this.section(
      'audit-heading',
      t.audit,
      h('p', { class: 'hint' }, t.auditIntro),
      h(
        'div',
        { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.auditTable },
        h(
          'table',
          { id: 'audit-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t.when),
              h('th', { scope: 'col' }, t.who),
              h('th', { scope: 'col' }, t.what),
              h('th', { scope: 'col' }, t.details),
            ),
          ),
          h(
            'tbody',
            {},
            ...entries.map((e) =>
              h(
                'tr',
                {},
                h('td', {}, when(e)),
                h('td', {}, e.actorName ?? e.actor ?? ''),
                h('td', { title: e.action }, auditActionLabel(e.action, this.shell.language)),
                h('td', {}, details(e)),
              ),
            ),
          ),
        ),
      ),
      h('p', {}, h('a', { href: `${this.base}/exports/audit.csv` }, t.downloadCsv)),
    );
  }
}

void new Console(electionIdFromPath(window.location.pathname)).start();
