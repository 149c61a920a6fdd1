/**
 * One election's admin page (/admin/elections/:id): questions, dates, voter roll, trustees,
 * credentials, delivery, roles and the lifecycle actions. While a draft, each part is an editable
 * form; once open, everything is frozen and shown read-only. Every consequential action goes
 * through confirmAction, which says what will happen before anything is sent.
 */
import { type Child, focusElement, h, replaceChildren } from '../booth/dom.js';
import { isRecord, type Result } from './api.js';
import { confirmAction } from './confirm.js';
import { boxHeaderLine } from './consultation.js';
import { renderDelivery } from './delivery.js';
import { field } from './field.js';
import { asPeople, type Person } from './home.js';
import { facts, formatInstant, type Shell } from './shell.js';
import { instantToZoned, isTimeZone, zonedToInstant } from './time.js';

export interface AdminElection {
  id: string;
  organisationId: string;
  state: 'draft' | 'open' | 'closed' | 'tallied' | 'published' | 'annulled';
  name: string;
  description: string;
  questions: { question: string; answers: string[]; min: number; max: number; blank?: boolean }[];
  timeZone: string;
  opensAt: string | null;
  closesAt: string | null;
  credentialMode: 'server' | 'external';
  sealed: { election: string; trustees: string; credentials: string } | null;
  annulReason: string | null;
}
export interface Voter {
  id: string;
  login: string;
  email: string;
  displayName: string;
  weight: string;
  hasCredential: boolean;
}
interface Trustee {
  position: number;
  kind: string;
  displayName: string;
  fingerprint: string | null;
}
interface ThresholdStatus {
  threshold: number;
  step: string;
  trustees: {
    slot: number;
    displayName: string;
    certificate: boolean;
    polynomial: boolean;
    voutput: boolean;
  }[];
}

/** Everything the page shows, fetched together and re-fetched after each change. */
interface Loaded {
  election: AdminElection;
  voters: Voter[];
  trustees: Trustee[];
  threshold: ThresholdStatus | undefined;
  roles: { accountId: string; displayName: string; role: string }[];
  people: Person[];
  /** What each credential mode protects against (GET /api/v1/credential-modes), when served. */
  modes: CredentialMode[];
  recovery: RecoveryStatus | undefined;
}
type Localised = { en: string; fr: string };
interface CredentialMode {
  id: string;
  credentialMode: string;
  name: Localised;
  protects: Localised;
  residualRisk: Localised;
  recovery: Localised;
}
interface RecoveryStatus {
  recovery: 'escrow' | 'none' | 'undecided';
  modeId: string;
  officer: { fingerprint: string } | null;
}

const value = <T>(result: Result<T>, fallback: T): T => (result.ok ? result.value : fallback);

export class ElectionPage {
  private loaded: Loaded | undefined;
  /** Questions being edited (kept across re-renders until saved). */
  private draftQuestions: AdminElection['questions'] | undefined;

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
    const [voters, trustees, roles, people, modes, recovery] = await Promise.all([
      api.get<{ voters: Voter[] }>(`${this.base}/voters`),
      api.get<{ trustees: Trustee[] }>(`${this.base}/trustees`),
      api.get<{ roles: Loaded['roles'] }>(`${this.base}/roles`),
      api.get<unknown>(`${org}/members`),
      api.get<{ modes: CredentialMode[] }>('/api/v1/credential-modes'),
      api.get<RecoveryStatus>(`${this.base}/recovery`),
    ]);
    // Only an election with a threshold group has key-establishment progress to show (else: 404 each load).
    const hasGroup = value(trustees, { trustees: [] }).trustees.some((t) => t.kind === 'pedersen');
    const threshold = hasGroup
      ? await api.get<ThresholdStatus>(`${this.base}/trustees/threshold`)
      : undefined;
    this.loaded = {
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
    const heading = h('h1', { tabindex: -1 }, election.name);
    replaceChildren(
      this.shell.screen,
      h('p', {}, h('a', { href: '/admin' }, t.election.back)),
      heading,
      await boxHeaderLine(this.shell, this.electionId),
      this.summary(),
      this.actions(),
      this.questions(),
      this.schedule(),
      this.voters(),
      this.trustees(),
      this.credentials(),
      await renderDelivery(
        this.shell,
        this.electionId,
        election.state,
        election.credentialMode,
        this.loaded.recovery?.recovery,
        (message) => this.render(message),
      ),
      this.roles(),
    );
    if (message) this.shell.announce(message);
    focusElement(heading);
  }

  private section(id: string, title: string, ...children: Child[]): HTMLElement {
    return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
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

  // Questions ---------------------------------------------------------------------------------

  private questions(): HTMLElement {
    const t = this.shell.t.admin.questions;
    const e = this.loaded!.election;
    if (!this.draft) {
      return this.section(
        'questions-heading',
        t.heading,
        h(
          'ol',
          {},
          ...e.questions.map((q) =>
            h(
              'li',
              {},
              h('strong', {}, q.question),
              h('ul', {}, ...q.answers.map((a) => h('li', {}, a))),
              h('p', { class: 'hint' }, t.rule(q.min, q.max, q.blank === true)),
            ),
          ),
        ),
      );
    }
    this.draftQuestions ??= e.questions.map((q) => ({ ...q, answers: [...q.answers] }));
    const edited = this.draftQuestions;
    const readers: (() => AdminElection['questions'][number])[] = [];
    const sync = () => {
      this.draftQuestions = readers.map((read) => read());
    };
    const list = edited.map((q, i) => {
      const n = i + 1;
      const text = h('input', { type: 'text', value: q.question, maxlength: 1000 });
      const answers = h('textarea', { rows: 4 });
      answers.value = q.answers.join('\n');
      const min = h('input', { type: 'number', min: 0, value: q.min, inputmode: 'numeric' });
      const max = h('input', { type: 'number', min: 1, value: q.max, inputmode: 'numeric' });
      const blank = h('input', { type: 'checkbox', checked: q.blank === true });
      readers.push(() => ({
        question: text.value.trim(),
        answers: answers.value
          .split('\n')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        min: Number(min.value),
        max: Number(max.value),
        ...(blank.checked ? { blank: true } : {}),
      }));
      return h(
        'fieldset',
        { class: 'question' },
        h('legend', {}, t.question(n)),
        field(t.text, text),
        field(t.answers, answers),
        h('div', { class: 'row' }, field(t.min, min), field(t.max, max)),
        field(t.blank, blank),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            on: {
              click: () => {
                sync();
                this.draftQuestions!.splice(i, 1);
                void this.redrawQuestions();
              },
            },
          },
          t.remove(n),
        ),
      );
    });
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            sync();
            const problems = this.draftQuestions!.flatMap((q, i) => {
              const problem =
                q.question === ''
                  ? t.needText
                  : q.answers.length === 0
                    ? t.needAnswers
                    : !(
                          Number.isInteger(q.min) &&
                          Number.isInteger(q.max) &&
                          q.min >= 0 &&
                          q.min <= q.max &&
                          q.max <= q.answers.length &&
                          q.max >= 1
                        )
                      ? t.badBounds
                      : undefined;
              return problem ? [t.invalid(i + 1, problem)] : [];
            });
            if (problems.length > 0) return this.shell.problem(problems.join(' '));
            const questions = this.draftQuestions!;
            await this.change('PUT', '/questions', { questions }, () => {
              this.draftQuestions = undefined;
              return this.shell.t.admin.saved;
            });
          },
        },
      },
      ...(list.length === 0 ? [h('p', {}, t.none)] : list),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            on: {
              click: () => {
                sync();
                this.draftQuestions!.push({ question: '', answers: [], min: 1, max: 1 });
                void this.redrawQuestions(true);
              },
            },
          },
          t.add,
        ),
        h('button', { type: 'submit', class: 'primary' }, t.save),
      ),
    );
    return this.section('questions-heading', t.heading, form);
  }

  /** Redraws only the questions (keeps the rest of the page and what was typed in it). */
  private async redrawQuestions(focusLast = false): Promise<void> {
    const old = document.querySelector('section[aria-labelledby="questions-heading"]');
    const next = this.questions();
    old?.replaceWith(next);
    const inputs = next.querySelectorAll<HTMLInputElement>('fieldset input[type="text"]');
    (focusLast ? inputs[inputs.length - 1] : next.querySelector<HTMLElement>('h2'))?.focus();
  }

  // Dates ---------------------------------------------------------------------------------------

  private schedule(): HTMLElement {
    const t = this.shell.t.admin;
    const e = this.loaded!.election;
    if (!this.draft)
      return this.section('schedule-heading', t.schedule.heading, facts([[t.home.timeZone, e.timeZone]]));
    const zone = h('input', { type: 'text', value: e.timeZone, maxlength: 64, autocomplete: 'off' });
    const opens = h('input', { type: 'datetime-local', value: instantToZoned(e.opensAt, e.timeZone) });
    const closes = h('input', { type: 'datetime-local', value: instantToZoned(e.closesAt, e.timeZone) });
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const timeZone = zone.value.trim();
            if (!isTimeZone(timeZone)) return this.shell.problem(t.home.badTimeZone);
            const at = (input: HTMLInputElement) =>
              input.value === '' ? null : (zonedToInstant(input.value, timeZone) ?? 'bad');
            const opensAt = at(opens);
            const closesAt = at(closes);
            if (opensAt === 'bad' || closesAt === 'bad') return this.shell.problem(t.schedule.badDate);
            await this.change('PUT', '/schedule', { opensAt, closesAt, timeZone }, () => t.saved);
          },
        },
      },
      field(t.home.timeZone, zone, t.home.timeZoneHint),
      field(t.schedule.opens, opens, t.schedule.hint),
      field(t.schedule.closes, closes),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.schedule.save)),
    );
    return this.section('schedule-heading', t.schedule.heading, form);
  }

  // Voters --------------------------------------------------------------------------------------

  private voters(): HTMLElement {
    const t = this.shell.t.admin.voters;
    const voters = this.loaded!.voters;
    const table =
      voters.length === 0
        ? h('p', {}, t.none)
        : h(
            'div',
            { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.table },
            h(
              'table',
              { id: 'voter-table' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...[t.login, t.name, t.email, t.weight, t.credential].map((c) =>
                    h('th', { scope: 'col' }, c),
                  ),
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
                    h('td', {}, v.email),
                    h('td', {}, v.weight),
                    h('td', {}, v.hasCredential ? this.shell.t.admin.yes : this.shell.t.admin.no),
                  ),
                ),
              ),
            ),
          );
    if (!this.draft)
      return this.section('voters-heading', t.heading, h('p', {}, t.count(voters.length)), table);
    const csv = h('textarea', { rows: 6, spellcheck: false, class: 'mono' });
    const file = h('input', {
      type: 'file',
      accept: '.csv,text/csv,text/plain',
      on: {
        change: async () => {
          const chosen = file.files?.[0];
          if (chosen) csv.value = await chosen.text();
        },
      },
    });
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const lines = csv.value.split(/\r?\n/).filter((l) => l.trim() !== '').length;
            if (lines === 0) return this.shell.problem(t.empty);
            const ok = await confirmAction({
              title: t.confirmTitle,
              effects: t.confirmEffects(lines),
              confirmLabel: t.import,
              cancelLabel: this.shell.t.admin.cancel,
            });
            if (!ok) return;
            await this.change('PUT', '/voters', { csv: csv.value }, (answer) =>
              t.imported(isRecord(answer) && typeof answer.imported === 'number' ? answer.imported : 0),
            );
          },
        },
      },
      field(t.csv, csv, t.csvHint),
      field(t.file, file),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.import)),
    );
    return this.section('voters-heading', t.heading, h('p', {}, t.count(voters.length)), table, form);
  }

  // Trustees ------------------------------------------------------------------------------------

  private trustees(): HTMLElement {
    const t = this.shell.t.admin.trustees;
    const cancel = this.shell.t.admin.cancel;
    const { trustees, threshold, people } = this.loaded!;
    const current =
      trustees.length === 0
        ? h('p', {}, t.none)
        : h(
            'ul',
            { class: 'trustees' },
            ...trustees.map((tr) =>
              h(
                'li',
                {},
                h('strong', {}, tr.displayName),
                ` — ${t.kinds[tr.kind] ?? tr.kind}`,
                tr.fingerprint
                  ? h('span', { class: 'hint' }, ` (${t.fingerprint}: `, h('code', {}, tr.fingerprint), ')')
                  : null,
              ),
            ),
          );
    const progress = threshold
      ? h(
          'div',
          {},
          h('h3', {}, t.progress),
          h('p', {}, t.step(t.steps[threshold.step] ?? threshold.step)),
          // A re-run or next-round box gets the group (members, threshold) but never the keys.
          threshold.step !== 'done' &&
            h('p', { class: 'hint', id: 'threshold-new-keys' }, this.shell.t.congressDefects.admin.newKeys),
          h(
            'ul',
            {},
            ...threshold.trustees.map((s) =>
              h(
                'li',
                {},
                t.slot(s.slot, s.displayName),
                ' — ',
                [
                  `${t.certificate}: ${s.certificate ? t.done : t.waiting}`,
                  `${t.polynomial}: ${s.polynomial ? t.done : t.waiting}`,
                  `${t.voutput}: ${s.voutput ? t.done : t.waiting}`,
                ].join(', '),
              ),
            ),
          ),
        )
      : null;
    if (!this.draft) return this.section('trustees-heading', t.heading, current, progress);

    const server = h(
      'div',
      { class: 'option weakest' },
      h('h4', {}, t.server),
      h('p', {}, t.serverExplain),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          on: {
            click: async () => {
              if (
                await confirmAction({
                  title: t.serverConfirm,
                  effects: t.serverEffects,
                  confirmLabel: t.serverSubmit,
                  cancelLabel: cancel,
                })
              )
                await this.change('POST', '/trustees/server', undefined, () => this.shell.t.admin.saved);
            },
          },
        },
        t.serverSubmit,
      ),
    );

    const singleName = h('input', { type: 'text', maxlength: 200 });
    const singleKey = h('textarea', { rows: 4, spellcheck: false, class: 'mono' });
    const single = h(
      'form',
      {
        class: 'option',
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const displayName = singleName.value.trim();
            const publicKey = singleKey.value.trim();
            if (displayName === '' || publicKey === '') return this.shell.problem(t.singleMissing);
            if (
              await confirmAction({
                title: t.singleConfirm,
                effects: t.singleEffects(displayName),
                confirmLabel: t.singleSubmit,
                cancelLabel: cancel,
              })
            )
              await this.change(
                'POST',
                '/trustees/single',
                { displayName, publicKey },
                () => this.shell.t.admin.saved,
              );
          },
        },
      },
      h('h4', {}, t.single),
      h('p', {}, t.singleExplain),
      field(t.singleName, singleName),
      field(t.singleKey, singleKey),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.singleSubmit)),
    );

    const boxes = people.map((p) => ({ person: p, box: h('input', { type: 'checkbox', value: p.id }) }));
    const k = h('input', { type: 'number', min: 1, value: 2, inputmode: 'numeric' });
    const pedersen = h(
      'form',
      {
        class: 'option',
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const chosen = boxes.filter((b) => b.box.checked).map((b) => b.person);
            const needed = Number(k.value);
            if (chosen.length < 2 || !Number.isInteger(needed) || needed < 1 || needed > chosen.length)
              return this.shell.problem(t.thresholdInvalid);
            const n = chosen.length;
            if (
              await confirmAction({
                title: t.thresholdConfirm(needed, n),
                effects: t.thresholdEffects(needed, n),
                confirmLabel: t.thresholdSubmit,
                cancelLabel: cancel,
              })
            )
              await this.change(
                'POST',
                '/trustees/threshold',
                {
                  threshold: needed,
                  trustees: chosen.map((p) => ({ displayName: p.displayName, accountId: p.id })),
                },
                () => this.shell.t.admin.saved,
              );
          },
        },
      },
      h('h4', {}, t.threshold),
      h('p', {}, t.thresholdExplain),
      people.length === 0
        ? h('p', { class: 'note' }, t.noPeople)
        : h(
            'fieldset',
            { class: 'plain' },
            h('legend', {}, t.thresholdPeople),
            ...boxes.map((b) => field(`${b.person.displayName} (${b.person.email})`, b.box)),
          ),
      field(t.thresholdK, k),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.thresholdSubmit)),
    );
    return this.section(
      'trustees-heading',
      t.heading,
      h('h3', {}, t.current),
      current,
      progress,
      threshold ? null : h('div', {}, h('h3', {}, t.choose), pedersen, single, server),
    );
  }

  // Credentials ---------------------------------------------------------------------------------

  private credentials(): HTMLElement {
    const t = this.shell.t.admin.credentials;
    const { election, voters } = this.loaded!;
    const withCredential = voters.filter((v) => v.hasCredential).length;
    const { modes, recovery } = this.loaded!;
    const lang = this.shell.language;
    // The modes as docs/threat-model.md describes them (served by the recovery routes), else ours.
    const explain =
      modes.length > 0
        ? h(
            'div',
            { class: 'modes' },
            ...modes.map((m) =>
              h(
                'div',
                { class: 'option', id: `mode-${m.id}` },
                h('h3', {}, m.name[lang], recovery?.modeId === m.id ? ` — ${t.current}` : ''),
                h('p', {}, h('strong', {}, t.protects), ' ', m.protects[lang]),
                h('p', {}, h('strong', {}, t.residualRisk), ' ', m.residualRisk[lang]),
                h('p', {}, h('strong', {}, t.recoveryPath), ' ', m.recovery[lang]),
              ),
            ),
          )
        : h(
            'div',
            { class: 'modes' },
            h('div', { class: 'option' }, h('h3', {}, t.server), h('p', {}, t.serverExplain)),
            h('div', { class: 'option' }, h('h3', {}, t.external), h('p', {}, t.externalExplain)),
          );
    const recoveryLine = recovery
      ? h(
          'p',
          { id: 'recovery-status' },
          t.recoveryChoice[recovery.recovery] ?? recovery.recovery,
          recovery.officer ? ` ${t.officerKey(recovery.officer.fingerprint)}` : '',
        )
      : null;
    const noRecovery =
      recovery &&
      this.draft &&
      recovery.recovery === 'undecided' &&
      election.credentialMode === 'server' &&
      withCredential === 0
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                on: {
                  click: async () => {
                    if (
                      await confirmAction({
                        title: t.noRecoveryConfirm,
                        effects: t.noRecoveryEffects,
                        confirmLabel: t.noRecovery,
                        cancelLabel: this.shell.t.admin.cancel,
                      })
                    )
                      await this.change(
                        'POST',
                        '/recovery/no-recovery',
                        undefined,
                        () => this.shell.t.admin.saved,
                      );
                  },
                },
              },
              t.noRecovery,
            ),
          )
        : null;
    const status = h(
      'p',
      { id: 'credential-status' },
      t.mode(t.modes[election.credentialMode] ?? election.credentialMode),
      ' ',
      t.withCredential(withCredential, voters.length),
    );
    if (!this.draft) return this.section('credentials-heading', t.heading, status, recoveryLine, explain);
    const lines = h('textarea', { rows: 4, spellcheck: false, class: 'mono' });
    const upload = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const publicCredentials = lines.value
              .split(/\r?\n/)
              .map((l) => l.trim())
              .filter((l) => l !== '');
            if (
              await confirmAction({
                title: t.uploadConfirm,
                effects: t.uploadEffects(publicCredentials.length),
                confirmLabel: t.upload,
                cancelLabel: this.shell.t.admin.cancel,
              })
            )
              await this.change('POST', '/credentials/public', { publicCredentials }, (answer) =>
                t.fingerprint(
                  isRecord(answer) && typeof answer.fingerprint === 'string' ? answer.fingerprint : '?',
                ),
              );
          },
        },
      },
      field(t.publicCredentials, lines),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.upload)),
    );
    return this.section(
      'credentials-heading',
      t.heading,
      status,
      recoveryLine,
      noRecovery,
      h('p', { class: 'hint' }, t.recoveryHint),
      explain,
      h('h3', {}, t.uploadHeading),
      upload,
    );
  }

  // Roles ---------------------------------------------------------------------------------------

  private roles(): HTMLElement {
    const t = this.shell.t.admin;
    const { roles, people } = this.loaded!;
    const list =
      roles.length === 0
        ? h('p', {}, t.people.none)
        : h('ul', {}, ...roles.map((r) => h('li', {}, `${r.displayName} — ${t.roles[r.role] ?? r.role}`)));
    if (people.length === 0) return this.section('roles-heading', t.people.heading, list);
    const person = h(
      'select',
      {},
      ...people.map((p) => h('option', { value: p.id }, `${p.displayName} (${p.email})`)),
    );
    const role = h(
      'select',
      {},
      ...(['scrutineer', 'trustee', 'credential-authority', 'election-admin'] as const).map((r) =>
        h('option', { value: r }, t.roles[r] ?? r),
      ),
    );
    const form = h(
      'form',
      {
        class: 'inline-form',
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const who = people.find((p) => p.id === person.value);
            await this.change('POST', '/roles', { accountId: person.value, role: role.value }, () =>
              t.people.granted(who?.displayName ?? '', t.roles[role.value] ?? role.value),
            );
          },
        },
      },
      field(t.people.person, person),
      field(t.people.role, role),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.people.grant)),
    );
    return this.section('roles-heading', t.people.heading, list, form);
  }

  // Lifecycle -----------------------------------------------------------------------------------

  private actions(): HTMLElement {
    const t = this.shell.t.admin;
    const a = t.actions;
    const e = this.loaded!.election;
    const buttons: HTMLElement[] = [];
    const simple = (label: string, path: string, effects: readonly string[], danger = false) =>
      h(
        'button',
        {
          type: 'button',
          class: danger ? 'danger' : 'primary',
          on: {
            click: async () => {
              if (
                await confirmAction({
                  title: a.confirm(label),
                  effects,
                  confirmLabel: label,
                  cancelLabel: t.cancel,
                  danger,
                })
              )
                await this.change('POST', `/${path}`, undefined, (answer) =>
                  a.done(
                    isRecord(answer) && typeof answer.state === 'string'
                      ? ((t.states as Record<string, string>)[answer.state] ?? answer.state)
                      : '',
                  ),
                );
            },
          },
        },
        label,
      );
    if (e.state === 'draft') buttons.push(simple(a.open, 'open', a.openEffects));
    if (e.state === 'open') {
      buttons.push(simple(a.close, 'close', a.closeEffects));
      buttons.push(this.extendButton());
    }
    if (e.state === 'closed') buttons.push(simple(a.tally, 'tally', a.tallyEffects));
    if (e.state === 'tallied') buttons.push(simple(a.publish, 'publish', a.publishEffects));
    if (e.state !== 'published' && e.state !== 'annulled') buttons.push(this.annulButton());
    return this.section(
      'actions-heading',
      a.heading,
      buttons.length === 0 ? h('p', {}, a.none) : h('div', { class: 'actions' }, ...buttons),
    );
  }

  private extendButton(): HTMLElement {
    const t = this.shell.t.admin;
    const e = this.loaded!.election;
    return h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        on: {
          click: async () => {
            const input = h('input', {
              id: 'extend-closing',
              type: 'datetime-local',
              value: instantToZoned(e.closesAt, e.timeZone),
            });
            let closesAt: string | undefined;
            const ok = await confirmAction({
              title: t.actions.confirm(t.actions.extend),
              effects: t.actions.extendEffects,
              confirmLabel: t.actions.extend,
              cancelLabel: t.cancel,
              fields: [field(`${t.actions.newClosing} (${e.timeZone})`, input)],
              validate: () => {
                closesAt = zonedToInstant(input.value, e.timeZone);
                return closesAt === undefined ? t.schedule.badDate : undefined;
              },
            });
            if (ok && closesAt) await this.change('POST', '/extend', { closesAt }, () => t.saved);
          },
        },
      },
      t.actions.extend,
    );
  }

  private annulButton(): HTMLElement {
    const t = this.shell.t.admin;
    return h(
      'button',
      {
        type: 'button',
        class: 'danger',
        on: {
          click: async () => {
            const reason = h('textarea', { id: 'annul-reason', rows: 3, maxlength: 2000 });
            const ok = await confirmAction({
              title: t.actions.confirm(t.actions.annul),
              effects: t.actions.annulEffects,
              confirmLabel: t.actions.annul,
              cancelLabel: t.cancel,
              danger: true,
              fields: [field(t.actions.reason, reason)],
              validate: () => (reason.value.trim().length < 5 ? t.actions.reasonMissing : undefined),
            });
            if (ok)
              await this.change('POST', '/annul', { reason: reason.value.trim() }, () =>
                t.actions.done(t.states.annulled),
              );
          },
        },
      },
      t.actions.annul,
    );
  }
}
