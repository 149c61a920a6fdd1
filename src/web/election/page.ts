/**
 * The public election page (/elections/:id): what anyone may see without signing in — questions,
 * dates in the election's time zone, the sealed fingerprints, the archive with the commands that
 * verify it, the ballot tracker search, and once published the result with a bar chart (inline SVG
 * with attributes only, no style, so it runs under the strict CSP). Annulled elections say why.
 */

import type { SelfServiceRecovery } from '../../contract/voter.js';
import type { Language, Messages } from '../../i18n/index.js';
import { messagesFor } from '../../i18n/index.js';
import { type Child, focusElement, h, replaceChildren } from '../kit/dom.js';
import { formatDate } from '../kit/format.js';
import type { Failure } from '../kit/http.js';
import { lostCredentialSection, selfServiceRecovery } from '../kit/lost-credential.js';
import { failureText, resolveText } from '../kit/page.js';
import type { PageHeader } from '../kit/shell.js';
import type {
  BoardBallot,
  BoardVerification,
  PublicBoardApi,
  PublicElection,
  PublicQuestion,
} from './api.js';
import { ConsultationLinks } from './consultation-links.js';
import { rankedOutcome } from './ranked-result.js';
import { rankedResultSection } from './ranked-result-view.js';
import {
  countedWeight,
  normaliseTracker,
  type ResultRow,
  resultRows,
  trackerFromFragment,
} from './result.js';
import { RulesView } from './rules-view.js';
import { BrowserVerification, sourceLink } from './verify-in-browser.js';

type M = Messages['electionPage'];

export const HEADING_ID = 'election-heading';

export interface ElectionPageElements {
  readonly content: HTMLElement;
  readonly alert: HTMLElement;
}

type TrackerAnswer =
  | { kind: 'counted' | 'replaced' | 'absent'; tracker: string }
  | { kind: 'failed'; failure: Failure };

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** A horizontal bar: its length is an attribute of the SVG rectangle, never a style. */
function bar(percent: number, blank: boolean): SVGElement {
  const chart = svg('svg', {
    class: 'bar',
    viewBox: '0 0 100 12',
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  chart.append(
    svg('rect', { class: 'bar-track', x: '0', y: '0', width: '100', height: '12' }),
    svg('rect', {
      class: blank ? 'bar-fill bar-blank' : 'bar-fill',
      x: '0',
      y: '0',
      width: String(Math.min(100, Math.max(0, percent))),
      height: '12',
    }),
  );
  return chart;
}

export class ElectionPage {
  private info: PublicElection | undefined;
  private ballots: BoardBallot[] | undefined;
  private verification: BoardVerification | undefined;
  private trackerText = '';
  private trackerAnswer: TrackerAnswer | undefined;
  private loadFailure: Failure | undefined;
  private readonly consultation: ConsultationLinks;
  private readonly rules: RulesView;
  private browserVerification: BrowserVerification | undefined;
  private recoveryOffer: SelfServiceRecovery | undefined;
  /** Built once per language, so what a voter typed survives the page's other renders. */
  private lostCredential: { language: Language; element: HTMLElement } | undefined;

  constructor(
    private language: Language,
    private readonly elements: ElectionPageElements,
    private readonly header: PageHeader,
    private readonly api: PublicBoardApi,
  ) {
    this.consultation = new ConsultationLinks(api.base);
    this.rules = new RulesView(api.base);
  }

  private get m(): M {
    return messagesFor(this.language).electionPage;
  }

  async start(): Promise<void> {
    this.render();
    const [info, ballots, verification] = await Promise.all([
      this.api.election(),
      this.api.ballots(),
      this.api.verification(),
    ]);
    if (!info.ok) {
      this.loadFailure = info.failure;
      this.render();
      return;
    }
    this.info = info.value;
    if (info.value.state === 'open')
      void selfServiceRecovery(this.info.id, this.language).then((offer) => {
        if (!offer.ok) return;
        this.recoveryOffer = offer.value;
        this.render();
      });
    void this.consultation.load().then((isBox) => isBox && this.render());
    void this.rules.load(this.language).then((hasRules) => hasRules && this.render());
    if (ballots.ok) this.ballots = ballots.value;
    if (verification.ok) this.verification = verification.value;
    const fromLink = trackerFromFragment(window.location.hash);
    this.render();
    if (fromLink) {
      this.trackerText = fromLink;
      await this.searchTracker({ focusResult: false });
    }
    window.addEventListener('hashchange', () => {
      const tracker = trackerFromFragment(window.location.hash);
      if (tracker && tracker !== this.trackerText) {
        this.trackerText = tracker;
        void this.searchTracker({ focusResult: false });
      }
    });
  }

  switchLanguage(language: Language): void {
    this.language = language;
    this.render();
  }

  /** Looks the tracker up on the board (fetched again: a ballot cast a minute ago must be found). */
  async searchTracker(options: { focusResult: boolean }): Promise<void> {
    const tracker = normaliseTracker(this.trackerText);
    this.trackerText = tracker;
    if (tracker === '') {
      this.trackerAnswer = undefined;
      this.render();
      this.showAlert(this.m.tracker.empty);
      focusElement(document.getElementById('tracker-input'));
      return;
    }
    const ballots = await this.api.ballots();
    if (ballots.ok) {
      this.ballots = ballots.value;
      const found = ballots.value.find((b) => b.tracker === tracker);
      this.trackerAnswer = { kind: found ? (found.counted ? 'counted' : 'replaced') : 'absent', tracker };
    } else {
      this.trackerAnswer = { kind: 'failed', failure: ballots.failure };
    }
    // The tracker goes in the address (it is public), so the page can be bookmarked or shared.
    window.history.replaceState(window.history.state, '', `#tracker=${encodeURIComponent(tracker)}`);
    this.render();
    if (options.focusResult) focusElement(document.getElementById('tracker-result'));
  }

  // ——— rendering ———

  private render(): void {
    const { m, info } = this;
    this.header.update(this.language, info?.name ?? '');
    this.showAlert(undefined);
    if (!info) {
      const text = this.loadFailure ? this.failureText(this.loadFailure) : m.loading;
      document.title = `${m.title} – Scrutin`;
      replaceChildren(
        this.elements.content,
        h(
          'section',
          { class: 'screen' },
          this.loadFailure && h('h1', { id: HEADING_ID, tabindex: -1 }, m.unavailable),
          h('p', {}, text),
        ),
      );
      return;
    }
    document.title = `${info.name} – Scrutin`;
    replaceChildren(
      this.elements.content,
      h(
        'article',
        { class: 'election', 'aria-labelledby': HEADING_ID },
        h('h1', { id: HEADING_ID, tabindex: -1 }, info.name),
        info.description !== '' && h('p', { class: 'description' }, info.description),
        this.stateNotice(info),
        this.lostCredentialView(info),
        this.consultation.view(this.language),
        this.dates(info),
        info.result ? this.resultSection(info) : this.questionsSection(info.questions),
        this.rules.view(this.language, info.questions),
        info.hasBoard && this.trackerSection(),
        info.hasBoard && this.verifySection(info),
        info.sealed && this.sealsSection(info.sealed),
      ),
    );
  }

  /** Issue 16: "I lost my credential" while voting is open, or whom to contact without recovery. */
  private lostCredentialView(info: PublicElection): HTMLElement | undefined {
    const offer = this.recoveryOffer;
    if (info.state !== 'open' || offer === undefined) return undefined;
    if (this.lostCredential?.language !== this.language)
      this.lostCredential = {
        language: this.language,
        element: lostCredentialSection(info.id, this.language, offer),
      };
    return this.lostCredential.element;
  }

  private stateNotice(info: PublicElection): HTMLElement {
    const { m } = this;
    if (info.state === 'annulled') {
      return h(
        'div',
        { class: 'notice notice-annulled', id: 'annulment' },
        h('p', { class: 'notice-title' }, m.state.annulled),
        info.annulReason && h('p', {}, m.annulReason(info.annulReason)),
      );
    }
    const turnout =
      info.state !== 'draft' &&
      h('p', { id: 'turnout' }, m.turnout(info.turnout.ballots, info.turnout.voters));
    // Issue 15: every change of the roll after credentials were issued, counted, with the logins.
    const r = messagesFor(this.language).roll.page;
    const changes = info.rollChanges;
    const rollChanges = h(
      'p',
      { id: 'roll-changes' },
      r.count(changes.count),
      changes.logins.length > 0 ? ` — ${r.logins} ${changes.logins.join(', ')}` : '',
    );
    return h(
      'div',
      { class: 'notice', id: 'election-state' },
      h('p', { class: 'notice-title' }, m.state[info.state]),
      turnout,
      rollChanges,
    );
  }

  private dates(info: PublicElection): HTMLElement | undefined {
    const { m } = this;
    if (info.opensAt === null && info.closesAt === null) return undefined;
    const row = (label: string, iso: string) =>
      h('div', {}, h('dt', {}, label), h('dd', {}, formatDate(iso, info.timeZone, this.language)));
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'dates-heading' },
      h('h2', { id: 'dates-heading' }, m.dates.heading),
      h(
        'dl',
        { class: 'facts' },
        info.opensAt !== null && row(m.dates.opens, info.opensAt),
        info.closesAt !== null && row(m.dates.closes, info.closesAt),
      ),
      h('p', { class: 'hint' }, m.dates.timeZone(info.timeZone)),
    );
  }

  private ruleText(question: PublicQuestion): string {
    const { m } = this;
    const rule =
      question.min === question.max
        ? m.rules.exactly(question.min)
        : m.rules.between(question.min, question.max);
    return question.blank ? `${rule} ${m.rules.blank}` : rule;
  }

  private questionsSection(questions: readonly PublicQuestion[]): HTMLElement {
    const { m } = this;
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'questions-heading' },
      h('h2', { id: 'questions-heading' }, m.questions.heading),
      h(
        'ol',
        { class: 'questions' },
        ...questions.map((question) =>
          h(
            'li',
            {},
            h('h3', {}, question.question),
            question.homomorphic && h('p', { class: 'hint' }, this.ruleText(question)),
            h('ul', {}, ...question.answers.map((answer) => h('li', {}, answer))),
          ),
        ),
      ),
    );
  }

  private resultSection(info: PublicElection): HTMLElement {
    const { m } = this;
    const weight = this.ballots ? countedWeight(this.ballots) : undefined;
    const countedBallots = this.ballots?.filter((b) => b.counted).length;
    const weighted = this.ballots?.some((b) => b.weight !== 1n) ?? false;
    const number = new Intl.NumberFormat(this.language);
    const percent = new Intl.NumberFormat(this.language, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const tables = info.questions.map((question, i) => {
      const rows: ResultRow[] | undefined =
        weight === undefined ? undefined : resultRows(question, info.result?.[i], weight, m.result.blank);
      const headingId = `result-q${i}`;
      if (!question.homomorphic) {
        const outcome = rankedOutcome(question, info.result?.[i]);
        if (outcome) return rankedResultSection(m.result, question.question, headingId, outcome);
      }
      if (!rows) {
        return h(
          'section',
          { class: 'result-question', 'aria-labelledby': headingId },
          h('h3', { id: headingId }, question.question),
          h('p', {}, m.result.notShown),
        );
      }
      return h(
        'section',
        { class: 'result-question', 'aria-labelledby': headingId },
        h('h3', { id: headingId }, question.question),
        question.max > 1 && h('p', { class: 'hint' }, m.result.several),
        h(
          'table',
          { class: 'result-table', id: `result-table-${i}` },
          h('caption', { class: 'visually-hidden' }, m.result.caption(question.question)),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, m.result.answer),
              h('th', { scope: 'col', class: 'number' }, weighted ? m.result.weightedVotes : m.result.votes),
              h('th', { scope: 'col', class: 'number' }, m.result.share),
              h(
                'th',
                { scope: 'col', class: 'chart-column' },
                h('span', { class: 'visually-hidden' }, m.result.chart),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((row) =>
              h(
                'tr',
                { class: row.blank ? 'blank-row' : undefined },
                h('th', { scope: 'row' }, row.label),
                h('td', { class: 'number' }, number.format(row.count)),
                h('td', { class: 'number' }, percent.format(row.percent / 100)),
                h('td', { class: 'chart-column' }, bar(row.percent, row.blank)),
              ),
            ),
          ),
        ),
      );
    });
    const totals: Child =
      weight !== undefined &&
      countedBallots !== undefined &&
      h('p', { id: 'result-totals' }, m.result.totals(countedBallots, number.format(weight), weighted));
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'result-heading', id: 'result' },
      h('h2', { id: 'result-heading' }, m.result.heading),
      totals,
      ...tables,
    );
  }

  private trackerSection(): HTMLElement {
    const { m } = this;
    const input = h('input', {
      id: 'tracker-input',
      name: 'tracker',
      type: 'text',
      class: 'tracker-input',
      autocomplete: 'off',
      autocapitalize: 'none',
      autocorrect: 'off',
      spellcheck: 'false',
      'aria-describedby': 'tracker-hint',
      value: this.trackerText,
      on: { input: () => (this.trackerText = input.value) },
    });
    const answer = this.trackerAnswer;
    const answerText = !answer
      ? ''
      : answer.kind === 'failed'
        ? this.failureText(answer.failure)
        : m.tracker[answer.kind];
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'tracker-heading' },
      h('h2', { id: 'tracker-heading' }, m.tracker.heading),
      h('p', {}, m.tracker.intro),
      h(
        'form',
        {
          novalidate: true,
          role: 'search',
          on: {
            submit: (event) => {
              event.preventDefault();
              void this.searchTracker({ focusResult: true });
            },
          },
        },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'tracker-input' }, m.tracker.label),
          h('p', { id: 'tracker-hint', class: 'hint' }, m.tracker.hint),
          input,
        ),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: 'primary', id: 'tracker-search' }, m.tracker.search),
        ),
      ),
      h(
        'p',
        {
          id: 'tracker-result',
          role: 'status',
          tabindex: -1,
          class: answer ? `tracker-answer tracker-${answer.kind}` : 'tracker-answer',
          'data-result': answer?.kind,
        },
        answerText,
      ),
    );
  }

  private verifySection(info: PublicElection): HTMLElement {
    const { m } = this;
    const file = `${info.id}.bel`;
    const dir = `election-${info.id}`;
    const commands = [
      { id: 'prepare', label: m.verify.prepare, text: `mkdir ${dir} && mv ${file} ${dir}/` },
      {
        id: 'scrutin',
        label: messagesFor(this.language).browserVerify.nodeLabel,
        text: `node scrutin-verify.mjs ${dir}`,
      },
      { id: 'belenios', label: m.verify.belenios, text: `belenios-tool election verify --dir ${dir}` },
    ];
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'verify-heading' },
      h('h2', { id: 'verify-heading' }, m.verify.heading),
      h('p', {}, m.verify.intro),
      h(
        'p',
        {},
        h(
          'a',
          { href: this.api.archiveUrl, download: file, id: 'archive-link', class: 'download' },
          m.verify.download(file),
        ),
      ),
      h(
        'ol',
        { class: 'commands' },
        ...commands.map((command) => {
          const code = h('code', { id: `command-${command.id}` }, command.text);
          return h(
            'li',
            {},
            h('p', { id: `command-${command.id}-label` }, command.label),
            h('pre', {}, code),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary copy',
                'aria-describedby': `command-${command.id}-label`,
                on: { click: () => void this.copy(command.text) },
              },
              m.verify.copy,
            ),
          );
        }),
      ),
      sourceLink(this.language),
      h('p', { class: 'hint' }, m.verify.expected),
      this.browserVerificationView(info),
      this.verification &&
        this.verification.verifiedHeight !== null &&
        h(
          'p',
          { id: 'board-verification', class: this.verification.ok ? 'verified' : 'field-error' },
          this.verification.ok
            ? m.verify.serverOk(this.verification.verifiedHeight + 1)
            : this.verification.cannotVerify
              ? m.verify.serverCannotVerify
              : m.verify.serverFailed,
        ),
      h('p', { id: 'copy-status', role: 'status', class: 'hint' }),
    );
  }

  /** One component for the page's lifetime: a re-render (language switch) keeps its run and verdict. */
  private browserVerificationView(info: PublicElection): HTMLElement {
    this.browserVerification ??= new BrowserVerification(this.api.archiveUrl, this.language);
    return this.browserVerification.view(this.language, info);
  }

  private async copy(text: string): Promise<void> {
    const status = document.getElementById('copy-status');
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = this.m.verify.copied;
    } catch {
      if (status) status.textContent = this.m.verify.copyFailed;
    }
  }

  private sealsSection(sealed: NonNullable<PublicElection['sealed']>): HTMLElement {
    const { m } = this;
    const row = (id: string, label: string, value: string) =>
      h('div', {}, h('dt', {}, label), h('dd', {}, h('code', { id: `seal-${id}` }, value)));
    return h(
      'section',
      { class: 'section', 'aria-labelledby': 'seals-heading' },
      h('h2', { id: 'seals-heading' }, m.seals.heading),
      h('p', {}, m.seals.intro),
      h(
        'dl',
        { class: 'facts seals' },
        row('election', m.seals.election, sealed.election),
        row('trustees', m.seals.trustees, sealed.trustees),
        row('credentials', m.seals.credentials, sealed.credentials),
        this.rules.hash &&
          row('rules', messagesFor(this.language).electionRules.page.sealed, this.rules.hash),
      ),
    );
  }

  private showAlert(text: string | undefined): void {
    this.elements.alert.textContent = '';
    if (text === undefined) return;
    // Emptied first, filled a moment later: screen readers announce even a repeated message.
    setTimeout(() => {
      this.elements.alert.textContent = text;
    }, 50);
  }

  private failureText(failure: Failure): string {
    if (failure.kind === 'http' && failure.status === 404) return this.m.notFound;
    return resolveText(failureText(failure), messagesFor(this.language).booth);
  }
}
