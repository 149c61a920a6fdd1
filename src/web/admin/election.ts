/**
 * One election's admin page (/admin/elections/:id): questions, dates, voter roll, trustees,
 * credentials, delivery, roles and the lifecycle actions. While a draft, each part is an editable
 * form; once open, everything is frozen and shown read-only. Every consequential action goes
 * through confirmAction, which says what will happen before anything is sent.
 */
import type { RulesAnswer } from '../../contract/election-rules.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { facts, formatInstant } from '../kit/format.js';
import type { Result } from '../kit/http.js';
import type { Shell } from '../kit/staff-shell.js';
import { boxHeaderLine } from './consultation.js';
import { renderDelivery } from './delivery.js';
import type {
  AdminElection,
  CardContext,
  CredentialMode,
  Loaded,
  RecoveryStatus,
  ShufflePhase,
  ThresholdStatus,
  Trustee,
  Voter,
} from './election-card.js';
import { credentialsCard } from './election-credentials.js';
import { lifecycleCard } from './election-lifecycle.js';
import { QuestionsCard } from './election-questions.js';
import { rolesCard } from './election-roles.js';
import { RulesCard } from './election-rules.js';
import { scheduleCard } from './election-schedule.js';
import { trusteesCard } from './election-trustees.js';
import { votersCard } from './election-voters.js';
import { asPeople } from './home.js';

const value = <T>(result: Result<T>, fallback: T): T => (result.ok ? result.value : fallback);

export class AdminElectionPage {
  private loaded: Loaded | undefined;
  /** The questions card keeps what is being typed across re-renders until saved. */
  private readonly questions = new QuestionsCard();
  private readonly rules = new RulesCard();
  /** The election's own rules (issue 17), as GET /rules answers them. */
  private rulesAnswer: RulesAnswer | undefined;

  constructor(
    private readonly shell: Shell,
    private readonly electionId: string,
  ) {}

  private get base(): string {
    return `/api/v1/elections/${encodeURIComponent(this.electionId)}`;
  }

  async load(): Promise<boolean> {
    const api = this.shell.api;
    const election = await api.get<AdminElection>(`${this.base}/admin`);
    if (!election.ok) {
      this.shell.fail(election.failure);
      return false;
    }
    const org = `/api/v1/organisations/${encodeURIComponent(election.value.organisationId)}`;
    const [voters, trustees, roles, people, modes, recovery, rules] = await Promise.all([
      api.get<{ voters: Voter[] }>(`${this.base}/voters`),
      api.get<{ trustees: Trustee[] }>(`${this.base}/trustees`),
      api.get<{ roles: Loaded['roles'] }>(`${this.base}/roles`),
      api.get<unknown>(`${org}/members`),
      api.get<{ modes: CredentialMode[] }>('/api/v1/credential-modes'),
      api.get<RecoveryStatus>(`${this.base}/recovery`),
      api.get<RulesAnswer>(`${this.base}/rules`),
    ]);
    this.rulesAnswer = rules.ok ? rules.value : undefined;
    // Only an election with a threshold group has key-establishment progress to show (else: 404 each load).
    const hasGroup = value(trustees, { trustees: [] }).trustees.some((t) => t.kind === 'pedersen');
    const threshold = hasGroup
      ? await api.get<ThresholdStatus>(`${this.base}/trustees/threshold`)
      : undefined;
    const shuffles =
      election.value.state === 'tallied' ? await api.get<ShufflePhase>(`${this.base}/shuffles`) : undefined;
    this.loaded = {
      shuffles: shuffles?.ok ? shuffles.value : undefined,
      election: election.value,
      voters: value(voters, { voters: [] }).voters,
      trustees: value(trustees, { trustees: [] }).trustees,
      threshold: threshold?.ok ? threshold.value : undefined,
      roles: value(roles, { roles: [] }).roles,
      people: asPeople(value(people, {})),
      modes: modes.ok && Array.isArray(modes.value.modes) ? modes.value.modes : [],
      recovery: recovery.ok ? recovery.value : undefined,
    };
    return true;
  }

  /** Loads (again) and draws the page; `message` is announced once drawn. */
  async render(message?: string): Promise<void> {
    const t = this.shell.t.admin;
    this.shell.frame(t.pageTitle);
    if (!(await this.load()) || !this.loaded) {
      if (!this.shell.account) return; // the session ended: the sign-in form is shown
      replaceChildren(
        this.shell.screen,
        h('h1', {}, t.pageTitle),
        h('p', {}, h('a', { href: '/admin' }, t.election.back)),
      );
      return;
    }
    const { election } = this.loaded;
    this.shell.frame(election.name);
    const card: CardContext = {
      shell: this.shell,
      loaded: this.loaded,
      draft: this.draft,
      change: (method, path, body, done) => this.change(method, path, body, done),
    };
    const heading = h('h1', { tabindex: -1 }, election.name);
    replaceChildren(
      this.shell.screen,
      h('p', {}, h('a', { href: '/admin' }, t.election.back)),
      heading,
      await boxHeaderLine(this.shell, this.electionId),
      this.summary(),
      lifecycleCard(card),
      this.questions.render(card),
      this.rules.render(card, this.rulesAnswer),
      scheduleCard(card),
      votersCard(card),
      trusteesCard(card),
      credentialsCard(card),
      await renderDelivery(
        this.shell,
        this.electionId,
        election.state,
        election.credentialMode,
        this.loaded.recovery?.recovery,
        (message) => this.render(message),
      ),
      rolesCard(card),
    );
    if (message) this.shell.announce(message);
    focusElement(heading);
  }

  private get draft(): boolean {
    return this.loaded?.election.state === 'draft';
  }

  /** Sends a change; on success re-renders with `done`, on failure shows the server's answer. */
  private async change(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    done: (answer: unknown) => string,
  ) {
    const answer = await this.shell.api.send(method, `${this.base}${path}`, body);
    if (!answer.ok) return this.shell.fail(answer.failure);
    await this.render(done(answer.value));
  }

  private summary(): HTMLElement {
    const t = this.shell.t.admin;
    const e = this.loaded!.election;
    const id = encodeURIComponent(e.id);
    const links = h(
      'ul',
      { class: 'links', 'aria-label': t.election.links },
      h('li', {}, h('a', { href: `/elections/${id}` }, t.election.publicPage)),
      h('li', {}, h('a', { href: `/vote/${id}` }, t.election.booth)),
      h('li', {}, h('a', { href: `/scrutineer/${id}` }, t.election.console)),
      h('li', {}, h('a', { href: `/trustee/${id}` }, t.election.trusteePage)),
    );
    const sealed = e.sealed
      ? ([
          [t.election.fingerprint, h('code', {}, e.sealed.election)],
          [t.election.trusteesHash, h('code', {}, e.sealed.trustees)],
          [t.election.credentialsHash, h('code', {}, e.sealed.credentials)],
        ] as const)
      : [];
    return h(
      'div',
      {},
      e.description ? h('p', {}, e.description) : null,
      facts([
        [t.home.state, h('strong', { id: 'election-state' }, t.states[e.state])],
        [t.schedule.opens, formatInstant(e.opensAt, e.timeZone, this.shell.language)],
        [t.schedule.closes, formatInstant(e.closesAt, e.timeZone, this.shell.language)],
        ...sealed,
      ]),
      e.annulReason ? h('p', { class: 'warning' }, t.election.annulledBecause(e.annulReason)) : null,
      e.state !== 'draft' ? h('p', { class: 'note' }, t.election.readOnly) : null,
      links,
    );
  }
}
