/**
 * "Verify this election in my browser": downloads the public archive, runs the protocol's full
 * verifier (src/protocol/verifier.ts, the one scrutin-tool and scrutin-verify.mjs run) with its
 * ballot checks spread over Web Workers, shows progress (events read, ballots checked of the total,
 * time left), then each check's verdict and the result recomputed from the archive (tally combined
 * with the trustees' decryptions) beside the one this page publishes. Kept as one component that
 * survives the page's re-renders (language switch), so a running verification is not lost.
 */
import type { Language, Messages } from '../../i18n/index.js';
import { messagesFor } from '../../i18n/index.js';
import { type ParsedArchive, parseArchive } from '../../protocol/archive/archive.js';
import { combineFactors, computeResult, resultToJson } from '../../protocol/tally.js';
import {
  type BoardState,
  CHECKS,
  type CheckName,
  type VerificationReport,
  verifyArchive,
} from '../../protocol/verifier.js';
import { type Child, focusElement, h, replaceChildren } from '../kit/dom.js';
import type { PublicElection } from './api.js';
import { defaultWorkerCount, WebBallotPool } from './verify-pool.js';

/** The worker asset's URL (/assets/verify-worker-HASH.js), written into the page bundle by build.ts. */
declare const __SCRUTIN_VERIFY_WORKER__: string | undefined;

type M = Messages['browserVerify'];

interface Progress {
  bytes: number;
  events?: number;
  checked: number;
  total: number;
  workers: number;
  checkingSince?: number;
  replaying: boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress }
  | { kind: 'done'; report: VerificationReport; recomputed: unknown[] | undefined; seconds: string }
  | { kind: 'download-failed' }
  | { kind: 'unreadable'; problem: string }
  | { kind: 'crashed'; problem: string }
  | { kind: 'no-workers' };

const now = () => performance.now();

/** Workers asked for in the page's query (`?verify-workers=N`, for benchmarks), else one per core. */
function workerCount(): number {
  const asked = Number(new URLSearchParams(window.location.search).get('verify-workers'));
  return Number.isInteger(asked) && asked >= 1 && asked <= 8 ? asked : defaultWorkerCount();
}

/** The result of a fully decrypted board, recomputed as `scrutin-tool election compute-result` does. */
export function recomputeResult(state: BoardState): unknown[] | undefined {
  if (!state.tally) return undefined;
  const combined = combineFactors(state.ctx.group, state.trustees, state.shares, state.tally);
  if (!combined.ok) return undefined;
  const totalWeight = state.box.tallied().reduce((sum, ballot) => sum + ballot.weight, 0n);
  const computed = computeResult(state.ctx, state.tally, combined.factors, totalWeight);
  return computed.ok ? resultToJson(computed.result) : undefined;
}

async function download(url: string, onBytes: (bytes: number) => void): Promise<Uint8Array | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  } catch {
    return undefined;
  }
  if (!response.ok || !response.body) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      onBytes(total);
    }
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export class BrowserVerification {
  readonly root = h('div', { id: 'browser-verify', class: 'browser-verify' });
  private state: State = { kind: 'idle' };
  private info: PublicElection | undefined;
  /** Updated in place while running, so the progress bar is not rebuilt at every chunk. */
  private live: { bar: HTMLProgressElement; lines: HTMLElement } | undefined;

  constructor(
    private readonly archiveUrl: string,
    private language: Language,
  ) {}

  private get m(): M {
    return messagesFor(this.language).browserVerify;
  }

  view(language: Language, info: PublicElection): HTMLElement {
    this.language = language;
    this.info = info;
    this.render();
    return this.root;
  }

  async start(): Promise<void> {
    const workerUrl = typeof __SCRUTIN_VERIFY_WORKER__ === 'string' ? __SCRUTIN_VERIFY_WORKER__ : undefined;
    if (typeof Worker === 'undefined' || workerUrl === undefined) return this.finish({ kind: 'no-workers' });
    const progress: Progress = { bytes: 0, checked: 0, total: 0, workers: workerCount(), replaying: false };
    this.state = { kind: 'running', progress };
    this.render();
    const started = now();
    const bytes = await download(this.archiveUrl, (count) => {
      progress.bytes = count;
      this.update();
    });
    if (!bytes) return this.finish({ kind: 'download-failed' });
    let archive: ParsedArchive;
    try {
      archive = parseArchive(bytes);
    } catch (error) {
      return this.finish({
        kind: 'unreadable',
        problem: error instanceof Error ? error.message : String(error),
      });
    }
    progress.events = archive.events.length;
    progress.total = archive.events.filter((record) => record.event.type === 'Ballot').length;
    progress.checkingSince = now();
    this.update();
    const pool = new WebBallotPool(workerUrl, progress.workers, (checked) => {
      progress.checked = checked;
      if (checked === progress.total) progress.replaying = true;
      this.update();
    });
    try {
      const report = await verifyArchive(archive, pool.check);
      const recomputed = report.ok && report.phase === 'result' ? recomputeResult(report.state!) : undefined;
      this.finish({ kind: 'done', report, recomputed, seconds: ((now() - started) / 1000).toFixed(1) });
    } catch (error) {
      this.finish({ kind: 'crashed', problem: error instanceof Error ? error.message : String(error) });
    } finally {
      pool.close();
    }
  }

  private finish(state: State): void {
    this.state = state;
    this.render();
    focusElement(document.getElementById('browser-verify-outcome'));
  }

  private render(): void {
    const { m } = this;
    const running = this.state.kind === 'running';
    this.live = undefined;
    replaceChildren(
      this.root,
      h('h3', { id: 'browser-verify-heading' }, m.heading),
      h('p', {}, m.intro),
      h('p', { class: 'hint' }, m.caveat),
      h(
        'button',
        {
          type: 'button',
          id: 'browser-verify-start',
          class: this.state.kind === 'idle' ? 'primary' : 'secondary',
          disabled: running,
          on: { click: () => void this.start() },
        },
        this.state.kind === 'idle' || running ? m.start : m.again,
      ),
      running ? this.progressView() : this.outcomeView(),
    );
    this.update();
  }

  private progressView(): HTMLElement {
    const bar = h('progress', { id: 'browser-verify-bar', 'aria-labelledby': 'browser-verify-bar-label' });
    const lines = h('div', { id: 'browser-verify-progress', class: 'hint' });
    this.live = { bar, lines };
    return h(
      'div',
      { class: 'verify-progress' },
      h('p', { id: 'browser-verify-bar-label' }, this.m.progressLabel),
      bar,
      lines,
    );
  }

  /** Refreshes the progress bar and its lines (events, ballots, time left) in place. */
  private update(): void {
    if (this.state.kind !== 'running' || !this.live) return;
    const { m } = this;
    const p = this.state.progress;
    const { bar, lines } = this.live;
    if (p.events === undefined) bar.removeAttribute('value');
    else {
      bar.max = Math.max(1, p.total);
      bar.value = p.total === 0 ? 1 : p.checked;
    }
    const left =
      p.checkingSince !== undefined && p.checked > 0 && p.checked < p.total
        ? (((now() - p.checkingSince) / p.checked) * (p.total - p.checked)) / 1000
        : undefined;
    replaceChildren(
      lines,
      h('p', { id: 'browser-verify-downloaded' }, m.downloading(Math.round(p.bytes / 1024))),
      p.events !== undefined && h('p', { id: 'browser-verify-events' }, m.eventsRead(p.events)),
      p.events !== undefined &&
        h(
          'p',
          { id: 'browser-verify-ballots', 'data-checked': p.checked, 'data-total': p.total },
          m.ballotsChecked(p.checked, p.total),
        ),
      p.events !== undefined && h('p', {}, m.workers(p.workers)),
      left !== undefined && h('p', { id: 'browser-verify-left' }, m.timeLeft(left)),
      p.replaying && h('p', {}, m.replaying),
    );
  }

  private outcomeView(): Child {
    const { m } = this;
    const outcome = (ok: boolean, text: string, attributes: Record<string, string> = {}) =>
      h(
        'p',
        {
          id: 'browser-verify-outcome',
          tabindex: -1,
          class: ok ? 'verified' : 'field-error',
          'data-outcome': ok ? 'pass' : 'fail',
          ...attributes,
        },
        text,
      );
    // Never green: an archive with shuffles is not verified, only not shown to be wrong.
    const cannotVerify = (check: CheckName) =>
      outcome(false, m.cannotVerify(m.checks[check]), { 'data-outcome': 'unsupported', 'data-check': check });
    switch (this.state.kind) {
      case 'idle':
        return undefined;
      case 'running':
        return undefined;
      case 'download-failed':
        return outcome(false, m.downloadFailed);
      case 'unreadable':
        return outcome(false, m.unreadable(this.state.problem), { 'data-check': 'archive' });
      case 'crashed':
        return outcome(false, m.crashed(this.state.problem));
      case 'no-workers':
        return outcome(false, m.noWorkers);
      case 'done': {
        const { report, recomputed, seconds } = this.state;
        const failed = report.failure;
        return h(
          'div',
          { class: 'verify-outcome' },
          failed?.unsupported
            ? cannotVerify(failed.check)
            : failed
              ? outcome(false, m.failed(m.checks[failed.check]), { 'data-check': failed.check })
              : outcome(true, m.passed(seconds)),
          failed && h('p', { id: 'browser-verify-detail', class: 'hint' }, failed.message),
          this.checksTable(report),
          report.ok && this.resultView(recomputed),
        );
      }
    }
  }

  private checksTable(report: VerificationReport): HTMLElement {
    const { m } = this;
    const statuses = new Map(report.checks.map((c) => [c.name, c]));
    return h(
      'table',
      { class: 'verify-table verify-checks', id: 'browser-verify-checks' },
      h('caption', {}, m.checksCaption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, m.checkColumn),
          h('th', { scope: 'col' }, m.verdictColumn),
          h('th', { scope: 'col', class: 'number' }, m.countColumn),
        ),
      ),
      h(
        'tbody',
        {},
        ...CHECKS.map((name: CheckName) => {
          const status = statuses.get(name)?.status ?? 'not-reached';
          return h(
            'tr',
            // data-ms: the check's time, read by `npm run bench -- browser-verify`.
            { 'data-check': name, 'data-status': status, 'data-ms': Math.round(statuses.get(name)?.ms ?? 0) },
            h('th', { scope: 'row' }, m.checks[name]),
            h('td', { class: `verdict verdict-${status}` }, m.verdicts[status]),
            // A check that counts no items (the archive's format) shows a dash, not "0 items checked".
            h('td', { class: 'number' }, statuses.get(name)?.count ? String(statuses.get(name)!.count) : '—'),
          );
        }),
      ),
    );
  }

  private resultView(recomputed: unknown[] | undefined): HTMLElement {
    const { m } = this;
    const info = this.info;
    const published = info?.result ?? null;
    if (recomputed === undefined)
      return h('p', { id: 'browser-verify-result-summary', class: 'hint' }, m.noResult);
    let allSame = published !== null && published.length === recomputed.length;
    const tables = (info?.questions ?? []).map((question, q) => {
      const mine = recomputed[q];
      const theirs = published?.[q];
      const slots: { label: string; slot: number }[] = question.homomorphic
        ? [
            ...question.answers.map((label, i) => ({ label, slot: i + (question.blank ? 1 : 0) })),
            ...(question.blank ? [{ label: m.blank, slot: 0 }] : []),
          ]
        : [{ label: question.answers.join(' / '), slot: -1 }];
      const cell = (values: unknown, slot: number) =>
        slot < 0 ? JSON.stringify(values ?? null) : Array.isArray(values) ? String(values[slot] ?? '–') : '–';
      const rows = slots.map(({ label, slot }) => {
        const a = cell(mine, slot);
        const b = published === null ? '–' : cell(theirs, slot);
        const same = published !== null && a === b;
        if (!same) allSame = false;
        return h(
          'tr',
          { 'data-same': same ? 'yes' : 'no' },
          h('th', { scope: 'row' }, label),
          h('td', { class: 'number recomputed' }, a),
          h('td', { class: 'number published' }, b),
          h(
            'td',
            { class: same ? 'verdict verdict-pass' : 'verdict verdict-fail' },
            same ? m.same : m.different,
          ),
        );
      });
      return h(
        'table',
        { class: 'verify-table verify-result', id: `browser-verify-result-${q}` },
        h('caption', {}, m.resultCaption(question.question)),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, m.answerColumn),
            h('th', { scope: 'col', class: 'number' }, m.recomputedColumn),
            h('th', { scope: 'col', class: 'number' }, m.publishedColumn),
            h('th', { scope: 'col' }, m.sameColumn),
          ),
        ),
        h('tbody', {}, ...rows),
      );
    });
    const summary = published === null ? m.noPublished : allSame ? m.resultSame : m.resultDifferent;
    return h(
      'div',
      { class: 'verify-results' },
      h('h3', { id: 'browser-verify-result-heading' }, m.resultHeading),
      h(
        'p',
        {
          id: 'browser-verify-result-summary',
          class: published !== null && allSame ? 'verified' : 'field-error',
          'data-same': published !== null && allSame ? 'yes' : 'no',
        },
        summary,
      ),
      ...tables,
    );
  }
}

/** The project's source repository (package.json `repository`), written in by build.ts when set. */
declare const __SCRUTIN_SOURCE_URL__: string | undefined;

/**
 * Where to get the single-file verifier: the project's source, never this server. A link only when
 * the build knows the repository's address; otherwise the instructions name docs/verify.md alone.
 */
export function sourceLink(language: Language): HTMLElement | false {
  const url = typeof __SCRUTIN_SOURCE_URL__ === 'string' ? __SCRUTIN_SOURCE_URL__ : undefined;
  if (!url || !/^https:\/\//.test(url)) return false;
  return h(
    'p',
    {},
    h(
      'a',
      { href: url, id: 'verifier-source', rel: 'noreferrer' },
      messagesFor(language).browserVerify.sourceLink,
    ),
  );
}
