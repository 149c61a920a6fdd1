/**
 * The trustee page (/trustee/:electionId), for a signed-in trustee account: before opening, make a
 * key in this browser (a Single key pair, or the Pedersen steps as the server relays them), keeping
 * the private file and sending only the public part; at tally time, shuffle the ballots in turn when
 * the election has ranked or graded questions (no key needed), then load the private file and send
 * the partial decryption computed here. Private keys and seeds never leave the browser: they are
 * offered as downloads and read back from files the trustee picks.
 */
import { requireGroup } from '../../core/group.js';
import type { Language } from '../../i18n/index.js';
import { messagesFor } from '../../i18n/index.js';
import type { TrusteeSeed } from '../../protocol/threshold/pki.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import type { Failure, Result } from '../kit/http.js';
import { Announcer, failureText, moveFocus, resolveText } from '../kit/page.js';
import type { PageHeader } from '../kit/shell.js';
import type { ShufflePhase, ThresholdStatus, TrusteeApi } from './api.js';
import {
  generateSingleKey,
  type PrivateFile,
  parseDecryptionKeyFile,
  parseThresholdKeyFile,
  partialDecryption,
  seedId,
  thresholdCertificate,
  thresholdPolynomial,
  thresholdVoutput,
} from './keys.js';
import { dashboard, frame, signInScreen } from './screens.js';
import { showProgress, shuffleInWorker } from './shuffle-run.js';
import {
  type Focus,
  HEADING_ID,
  type M,
  type State,
  type Text,
  type TrusteeActions,
  type View,
} from './state.js';

/** While other trustees are awaited, the page asks the server again this often. */
const POLL_MS = 4000;

export interface TrusteePageElements {
  readonly content: HTMLElement;
  readonly alert: HTMLElement;
  readonly status: HTMLElement;
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function download(file: PrivateFile): string {
  // The only place a private file's content is revealed: into a Blob that stays in this browser.
  return URL.createObjectURL(new Blob([file.content.reveal()], { type: 'application/octet-stream' }));
}

export class TrusteePage implements TrusteeActions {
  private readonly state: State = {
    phase: 'loading',
    unavailable: undefined,
    busy: false,
    email: '',
    password: '',
    session: undefined,
    duties: undefined,
    threshold: undefined,
    single: undefined,
    singleSaved: false,
    seed: undefined,
    pendingCert: undefined,
    seedSaved: false,
    decryptionKey: undefined,
    fieldError: undefined,
    outcome: undefined,
    shuffles: undefined,
    shuffleProgress: undefined,
  };
  private readonly announcer: Announcer<M>;
  private poll: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private language: Language,
    private readonly electionId: string,
    private readonly elements: TrusteePageElements,
    private readonly header: PageHeader,
    private readonly api: TrusteeApi,
  ) {
    this.announcer = new Announcer(elements, () => this.m);
  }

  private get m(): M {
    return messagesFor(this.language).trustee;
  }

  async start(): Promise<void> {
    this.render('none');
    const me = await this.api.me();
    if (!me.ok) return this.fail(me.failure);
    if (!me.value) {
      this.state.phase = 'sign-in';
      return this.render('heading');
    }
    this.state.session = me.value;
    await this.load('heading');
  }

  switchLanguage(language: Language): void {
    this.language = language;
    this.render('none');
  }

  // ——— actions ———

  async signIn(): Promise<void> {
    const { state } = this;
    if (state.busy) return;
    const email = state.email.trim();
    if (email === '' || state.password === '') {
      this.render({ id: email === '' ? 'email' : 'password' });
      return this.showError((m) => m.signIn.missing);
    }
    state.busy = true;
    this.showStatus((m) => m.signIn.progress);
    const result = await this.api.login(email, state.password);
    state.busy = false;
    state.password = '';
    this.showStatus(undefined);
    if (!result.ok) {
      this.render({ id: 'password' });
      return this.showError(this.failureText(result.failure));
    }
    state.session = result.value;
    await this.load('heading');
  }

  async signOut(): Promise<void> {
    await this.api.logout();
    this.stopPolling();
    // On a shared computer, signing out also drops the keys this page made or read.
    for (const url of [this.state.single?.url, this.state.seed?.file?.url]) if (url) URL.revokeObjectURL(url);
    Object.assign(this.state, {
      session: undefined,
      duties: undefined,
      threshold: undefined,
      phase: 'sign-in',
      single: undefined,
      singleSaved: false,
      seed: undefined,
      pendingCert: undefined,
      seedSaved: false,
      decryptionKey: undefined,
      fieldError: undefined,
      outcome: undefined,
      shuffles: undefined,
      shuffleProgress: undefined,
    });
    this.render('heading');
  }

  /**
   * Reads the trustee's duties (and the threshold group's progress) again. `keep` (the poll): the
   * page is redrawn only if something changed, and the focused control keeps the focus.
   */
  async load(focus: Focus = 'keep'): Promise<void> {
    const { state } = this;
    this.stopPolling();
    const duties = await this.api.duties();
    if (!duties.ok) {
      const failure = duties.failure;
      if (failure.kind === 'http' && failure.status === 401) {
        state.session = undefined;
        state.phase = 'sign-in';
        return this.render('heading');
      }
      if (failure.kind === 'http' && (failure.status === 403 || failure.status === 404)) {
        state.phase = 'unavailable';
        state.unavailable =
          failure.status === 403 ? (m) => m.unavailable.notTrustee : (m) => m.unavailable.notFound;
        return this.render('heading');
      }
      return this.fail(failure);
    }
    let threshold: ThresholdStatus | undefined;
    if (duties.value.threshold) {
      const status = await this.api.thresholdStatus();
      if (!status.ok) return this.fail(status.failure);
      threshold = status.value;
    }
    let shuffles: ShufflePhase | undefined;
    if (duties.value.election.state === 'tallied') {
      const phase = await this.api.shuffles();
      if (!phase.ok) return this.fail(phase.failure);
      shuffles = phase.value;
    }
    const wasWaiting = this.waitingForOthers();
    const changed =
      state.phase !== 'ready' ||
      JSON.stringify([state.duties, state.threshold, state.shuffles]) !==
        JSON.stringify([duties.value, threshold, shuffles]);
    state.duties = duties.value;
    state.threshold = threshold;
    state.shuffles = shuffles;
    state.phase = 'ready';
    if (changed || focus !== 'keep') this.render(focus);
    // The others are done: say so, since the page changed without the trustee doing anything.
    if (wasWaiting && changed && !this.waitingForOthers()) this.showStatus((m) => m.threshold.yourTurnNow);
    if (this.waitingForOthers() || this.shufflesRunning())
      this.poll = setTimeout(() => void this.load(), POLL_MS);
  }

  /** "Check again": the same as the poll, and says so when nothing has moved. */
  async refresh(): Promise<void> {
    await this.load('keep');
    if (this.waitingForOthers()) this.showStatus((m) => m.threshold.stillWaiting);
  }

  generateSingle(): void {
    const { state } = this;
    const group = requireGroup(state.duties!.election.group);
    const pair = generateSingleKey(group);
    state.single = { ...pair, url: download(pair.privateFile) };
    state.singleSaved = false;
    state.outcome = undefined;
    this.render({ id: 'single-download' });
  }

  async uploadSingle(): Promise<void> {
    const { state } = this;
    if (state.busy || !state.single) return;
    if (!state.singleSaved) {
      this.render({ id: 'single-saved' });
      return this.showError((m) => m.single.saveFirst);
    }
    await this.run(
      (m) => m.single.sending,
      async () => {
        const result = await this.api.uploadSingleKey(state.single!.publicKey);
        if (!result.ok) return result;
        state.outcome = (m) => m.single.sent;
        await this.load({ id: 'outcome' });
        return result;
      },
    );
  }

  generateThreshold(): void {
    const { state } = this;
    const made = thresholdCertificate(requireGroup(state.duties!.election.group));
    state.seed = { id: made.id, seed: made.seed, file: { ...made.keyFile, url: download(made.keyFile) } };
    state.pendingCert = made.cert;
    state.seedSaved = false;
    this.render({ id: 'threshold-key-download' });
  }

  async sendCertificate(): Promise<void> {
    const { state } = this;
    if (state.busy || !state.pendingCert) return;
    if (!state.seedSaved) {
      this.render({ id: 'threshold-key-saved' });
      return this.showError((m) => m.threshold.saveFirst);
    }
    await this.sendStep('cert', async () => state.pendingCert!);
  }

  async sendPolynomial(): Promise<void> {
    await this.sendStep('polynomial', async (group, seed, status) => {
      const certs = await this.api.certificates();
      if (!certs.ok) return certs;
      const made = thresholdPolynomial(group, certs.value, seed, status.threshold);
      return made.ok ? made.polynomial : { ok: false, problem: made.problem };
    });
  }

  async sendVoutput(): Promise<void> {
    await this.sendStep('voutput', async (group, seed, _status, slot) => {
      const certs = await this.api.certificates();
      if (!certs.ok) return certs;
      const vinput = await this.api.vinput(slot);
      if (!vinput.ok) return vinput;
      const made = thresholdVoutput(group, certs.value, seed, vinput.value);
      return made.ok ? made.voutput : { ok: false, problem: made.problem };
    });
  }

  /** Reads a `.key`/`.privkey` file the trustee picked; nothing is sent. */
  async loadKeyFile(input: HTMLInputElement, purpose: 'threshold' | 'decrypt'): Promise<void> {
    const { state } = this;
    const file = input.files?.[0];
    if (!file) return;
    const text = file.size > 100_000 ? '' : await file.text();
    state.fieldError = undefined;
    if (purpose === 'threshold') {
      const parsed = parseThresholdKeyFile(text);
      const expected = this.mySlot()?.id ?? undefined;
      if (!parsed.ok) {
        state.fieldError = { id: input.id, text: (m) => m.files.notAKey(file.name) };
      } else {
        const id = seedId(requireGroup(state.duties!.election.group), parsed.seed);
        if (expected && id !== expected)
          state.fieldError = { id: input.id, text: (m) => m.files.wrongKey(`${expected}.key`) };
        else state.seed = { id, seed: parsed.seed };
      }
    } else {
      const parsed = parseDecryptionKeyFile(text);
      if (parsed.ok) state.decryptionKey = { name: file.name, key: parsed.key };
      else state.fieldError = { id: input.id, text: (m) => m.files.notAKey(file.name) };
    }
    this.render({ id: input.id });
    if (state.fieldError) this.showError(state.fieldError.text, { shownInline: true });
  }

  async decrypt(): Promise<void> {
    const { state } = this;
    if (state.busy) return;
    const loaded = state.decryptionKey;
    if (!loaded) {
      state.fieldError = { id: 'decrypt-key-file', text: (m) => m.decrypt.chooseFile };
      this.render({ id: 'decrypt-key-file' });
      return this.showError(state.fieldError.text, { shownInline: true });
    }
    await this.run(
      (m) => m.decrypt.computing,
      async () => {
        const [electionJson, tally] = await Promise.all([this.api.electionJson(), this.api.tally()]);
        if (!electionJson.ok) return electionJson;
        if (!tally.ok) return tally;
        if (tally.value.encryptedTally === null)
          return { ok: false, failure: { kind: 'bad-response', status: 200 } };
        let sealedShare: string | undefined;
        const slot = state.duties?.threshold?.slot;
        if (loaded.key.kind === 'threshold' && slot !== undefined) {
          const sealed = await this.api.sealedShare(slot);
          if (!sealed.ok) return sealed;
          sealedShare = sealed.value;
        }
        await nextPaint();
        const made = partialDecryption({
          electionJson: electionJson.value,
          trusteesJson: tally.value.trustees,
          encryptedTally: tally.value.encryptedTally,
          key: loaded.key,
          ...(sealedShare === undefined ? {} : { sealedShare }),
        });
        if (!made.ok) {
          state.fieldError = {
            id: 'decrypt-key-file',
            text:
              made.problem === 'wrong-decryption-key'
                ? (m) => m.decrypt.wrongKey
                : (m) => m.decrypt.notYourKey,
          };
          this.render({ id: 'decrypt-key-file' });
          this.showError(state.fieldError.text, { shownInline: true });
          return { ok: true, value: true };
        }
        this.showStatus((m) => m.decrypt.sending);
        const sent = await this.api.sendPartialDecryption(made.owner, made.partialDecryption);
        if (!sent.ok) return sent;
        state.decryptionKey = undefined;
        state.outcome = (m) => m.decrypt.accepted;
        await this.load({ id: 'outcome' });
        return sent;
      },
    );
  }

  /**
   * Shuffles the ciphertexts the server gives out, in a Web Worker (the progress bar moves while
   * it runs), and sends the shuffle; no key is read or sent: a shuffle needs only the election key.
   */
  async shuffle(): Promise<void> {
    const { state } = this;
    const owner = state.shuffles?.next;
    if (state.busy || owner === null || owner === undefined || !this.myOwners().includes(owner)) return;
    this.stopPolling();
    await this.run(
      (m) => m.shuffle.computing,
      async () => {
        const [electionJson, phase] = await Promise.all([this.api.electionJson(), this.api.shuffles()]);
        if (!electionJson.ok) return electionJson;
        if (!phase.ok) return phase;
        if (phase.value.next !== owner || phase.value.input === null) {
          await this.load('keep');
          return { ok: true, value: true };
        }
        state.shuffleProgress = 0;
        this.render({ id: 'shuffle-progress' });
        const made = await shuffleInWorker(electionJson.value, phase.value.input, (percent) => {
          state.shuffleProgress = percent;
          showProgress(percent, this.m.shuffle.progress(percent));
        });
        state.shuffleProgress = undefined;
        if (!made.ok) {
          this.render('keep');
          this.showError((m) => `${m.shuffle.failed} (${made.problem})`);
          return { ok: true, value: true };
        }
        this.showStatus((m) => m.shuffle.sending);
        const sent = await this.api.sendShuffle(owner, made.shuffle);
        if (!sent.ok) {
          this.render('keep');
          return sent;
        }
        state.outcome = (m) => m.shuffle.accepted;
        await this.load({ id: 'outcome' });
        return sent;
      },
    );
  }

  // ——— helpers ———

  private myOwners(): number[] {
    const duties = this.state.duties;
    if (!duties) return [];
    return [...duties.singles.map((s) => s.owner), ...(duties.threshold ? [duties.threshold.owner] : [])];
  }

  /** The shuffles are under way (others' turns, or ours): the page follows them. */
  private shufflesRunning(): boolean {
    const { shuffles } = this.state;
    return shuffles?.needed === true && !shuffles.ended;
  }

  private view(): View {
    return {
      state: this.state,
      m: this.m,
      electionId: this.electionId,
      actions: this,
      mySlot: this.mySlot(),
      myOwners: this.myOwners(),
      resolve: (text) => this.resolve(text),
    };
  }

  private mySlot(): ThresholdStatus['trustees'][number] | undefined {
    return this.state.threshold?.trustees.find((t) => t.you);
  }

  private waitingForOthers(): boolean {
    const { threshold, duties } = this.state;
    if (!threshold || duties?.election.state !== 'draft' || threshold.step === 'done') return false;
    const mine = this.mySlot();
    return mine !== undefined && !threshold.missing.includes(mine.slot);
  }

  private stopPolling(): void {
    if (this.poll !== undefined) clearTimeout(this.poll);
    this.poll = undefined;
  }

  private async sendStep(
    step: 'cert' | 'polynomial' | 'voutput',
    compute: (
      group: ReturnType<typeof requireGroup>,
      seed: TrusteeSeed,
      status: ThresholdStatus,
      slot: number,
    ) => Promise<string | Result<unknown> | { ok: false; problem: string }>,
  ): Promise<void> {
    const { state } = this;
    const status = state.threshold;
    const slot = this.mySlot()?.slot;
    if (state.busy || !status || slot === undefined) return;
    if (!state.seed) {
      state.fieldError = { id: 'threshold-key-file', text: (m) => m.threshold.chooseFile };
      this.render({ id: 'threshold-key-file' });
      return this.showError(state.fieldError.text, { shownInline: true });
    }
    const seed = state.seed.seed;
    await this.run(step === 'cert' ? (m) => m.threshold.sending : (m) => m.threshold.computing, async () => {
      await nextPaint();
      const computed = await compute(requireGroup(status.group), seed, status, slot);
      if (typeof computed !== 'string') {
        if ('failure' in computed) return computed;
        // A protocol check failed in this browser: another trustee's data does not verify.
        this.showError(
          (m) => `${m.threshold.checkFailed} (${'problem' in computed ? computed.problem : ''})`,
        );
        return { ok: true, value: true };
      }
      this.showStatus((m) => m.threshold.sending);
      const sent = await this.api.sendThreshold(slot, step, computed);
      if (!sent.ok) return sent;
      if (step === 'cert') state.pendingCert = undefined;
      state.outcome = (m) => m.threshold.sent[step];
      await this.load({ id: 'outcome' });
      return sent;
    });
  }

  /** Runs one action with a progress message; an expected failure is shown in the alert. */
  private async run(progress: Text, action: () => Promise<Result<unknown>>): Promise<void> {
    const { state } = this;
    state.busy = true;
    this.showError(undefined);
    this.showStatus(progress);
    try {
      const result = await action();
      if (!result.ok) {
        this.showStatus(undefined);
        if (result.failure.kind === 'http' && result.failure.status === 401) {
          state.session = undefined;
          state.phase = 'sign-in';
          this.render('heading');
        }
        this.showError(this.failureText(result.failure));
      } else {
        this.showStatus(undefined);
      }
    } catch (error) {
      this.showStatus(undefined);
      this.showError((m) => m.unexpectedError);
      console.error(error);
    } finally {
      state.busy = false;
    }
  }

  private fail(failure: Failure): void {
    this.state.phase = 'unavailable';
    this.state.unavailable = this.failureText(failure);
    this.render('heading');
  }

  private failureText(failure: Failure): Text {
    return failureText(failure);
  }

  private resolve(text: Text): string {
    return resolveText(text, this.m);
  }

  private showError(text: Text | undefined, options: { shownInline?: boolean } = {}): void {
    this.announcer.showError(text, options);
  }

  private showStatus(text: Text | undefined): void {
    this.announcer.showStatus(text);
  }

  // ——— rendering ———

  private render(focus: Focus): void {
    const { state, m } = this;
    const focused = document.activeElement?.id;
    this.header.update(this.language, state.duties?.election.name ?? '');
    let screen: HTMLElement;
    switch (state.phase) {
      case 'loading':
        screen = h('section', { class: 'screen' }, h('p', {}, m.loading));
        break;
      case 'sign-in':
        screen = signInScreen(this.view());
        break;
      case 'unavailable':
        screen = frame(
          this.view(),
          m.unavailable.heading,
          state.unavailable && h('p', {}, this.resolve(state.unavailable)),
        );
        break;
      case 'ready':
        screen = dashboard(this.view());
        break;
    }
    replaceChildren(this.elements.content, screen);
    const heading = document.getElementById(HEADING_ID)?.textContent;
    document.title = heading ? `${heading} – Scrutin` : 'Scrutin';
    this.announcer.refresh();
    if (focus === 'keep') {
      // A control that went away (the step moved on) hands the focus to its section's heading.
      if (focused)
        focusElement(document.getElementById(focused) ?? document.getElementById('threshold-heading'));
    } else moveFocus(focus, HEADING_ID);
  }
}
