/**
 * The booth controller: the four steps (sign in, credential, questions, review and cast), the
 * transitions between them, and the one place where the clear vote becomes a ballot. Encryption,
 * proofs and signature run here, in the browser, with the isomorphic protocol core; the server only
 * ever receives the ballot (ciphertexts, proofs, public credential, signature).
 */
import { parsePrivateCredential } from '../../core/credential.js';
import { requireGroup } from '../../core/group.js';
import { sha256B64 } from '../../core/hash.js';
import { type Language, type Messages, messagesFor } from '../../i18n/index.js';
import { proveCredentialAccess } from '../../protocol/access-check.js';
import { checkPlaintext, createBallot, serializeBallot } from '../../protocol/ballot.js';
import { loadElection } from '../../protocol/election.js';
import { isHomomorphic } from '../../protocol/messages.js';
import { replaceChildren } from '../kit/dom.js';
import type { Failure } from '../kit/http.js';
import { selfServiceRecovery } from '../kit/lost-credential.js';
import { Announcer, type Focus, failureText, moveFocus } from '../kit/page.js';
import { PageHeader } from '../kit/shell.js';
import type { ElectionInfo, VoterApi, VoterSession } from './api.js';
import { emptySelection, selectionProblem, toPlaintext } from './ballot-form.js';
import { accessResultScreen } from './screens/access-test.js';
import { confirmationScreen } from './screens/confirmation.js';
import { credentialScreen } from './screens/credential.js';
import { HEADING_ID } from './screens/layout.js';
import { firstControlId, problemText, questionsScreen } from './screens/questions.js';
import { reviewScreen } from './screens/review.js';
import { signInScreen } from './screens/sign-in.js';
import { loadingScreen, unavailableScreen } from './screens/unavailable.js';
import { type BoothActions, type BoothState, resolveText, type Step, type Text, type View } from './state.js';

/** Names of the User Timing entries the booth records (read by tests and by curious voters). */
export const ENCRYPT_MEASURE = 'scrutin:encrypt-ballot';

export interface BoothElements {
  readonly header: HTMLElement;
  readonly screen: HTMLElement;
  /** role="alert": errors. */
  readonly alert: HTMLElement;
  /** role="status": progress. */
  readonly status: HTMLElement;
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export class Booth implements BoothActions {
  private readonly header: PageHeader;
  private readonly announcer: Announcer<Messages['booth']>;

  constructor(
    private readonly state: BoothState,
    private readonly elements: BoothElements,
    private readonly api: VoterApi,
    private readonly onLanguageChange: (language: Language) => void = () => {},
  ) {
    // The header is built once, so a language button keeps focus after it is pressed.
    this.header = new PageHeader(elements.header, (language) => this.switchLanguage(language));
    this.announcer = new Announcer(elements, () => this.m);
  }

  private get m(): Messages['booth'] {
    return messagesFor(this.state.language).booth;
  }

  async start(): Promise<void> {
    this.render('none');
    const result = await this.api.getElection();
    if (!result.ok) {
      const failure = result.failure;
      const notFound = failure.kind === 'http' && failure.status === 404;
      this.state.notFound = notFound;
      return this.unavailable(notFound ? (m) => m.unavailable.notFound : this.failureText(failure));
    }
    // A consultation box: its round names the header, and an annulled box points to its re-run.
    const place = await this.api.boxPlace();
    if (place.ok) this.state.place = place.value;
    if (result.value.state === 'open') {
      const offer = await selfServiceRecovery(this.state.electionId, this.state.language);
      if (offer.ok) this.state.recoveryOffer = offer.value;
    }
    this.enterElection(result.value);
    if (this.state.step === 'unavailable') return;
    // The candidates of list questions; without them the booth still shows the lists' names.
    const rules = await this.api.getRules();
    if (!rules.ok || !rules.value.rules) return;
    for (const rule of rules.value.rules.lists)
      this.state.lists.set(
        rule.question,
        rule.lists.map((list) =>
          list.candidates.map((c) => ({ name: c.name, ...(c.gender ? { gender: c.gender } : {}) })),
        ),
      );
    if (this.state.step === 'questions') this.render('none');
  }

  private enterElection(info: ElectionInfo): void {
    const { state } = this;
    state.info = info;
    if (info.state !== 'open' || info.election === null) {
      const reason: Text =
        info.state === 'draft' || (info.state === 'open' && info.election === null)
          ? (m) => m.unavailable.draft
          : info.state === 'annulled'
            ? (m) => m.unavailable.annulled
            : (m) => m.unavailable.closed;
      this.unavailable(reason);
      return;
    }
    let context: ReturnType<typeof loadElection>;
    try {
      context = loadElection(info.election);
    } catch {
      this.unavailable((m) => m.unavailable.invalidElection);
      return;
    }
    const questions = context.election.questions;
    // A ranked or graded answer is encoded in a group element: without an embedding it cannot be.
    if (!questions.every(isHomomorphic) && !context.group.embedding) {
      this.unavailable((m) => m.unavailable.unsupported);
      return;
    }
    state.context = context;
    state.questions = questions;
    state.selections = state.questions.map(emptySelection);
    state.problems = state.questions.map(() => undefined);
    this.go('sign-in');
  }

  private unavailable(reason: Text): void {
    this.state.unavailable = reason;
    this.go('unavailable');
  }

  // ——— actions ———

  async requestCode(): Promise<void> {
    const { state } = this;
    const login = state.login.trim();
    if (login === '') {
      moveFocus({ id: 'login' }, HEADING_ID);
      return this.showError((m) => m.signIn.codeMissing);
    }
    const result = await this.api.requestCode(login);
    if (!result.ok) return this.showError(this.failureText(result.failure));
    this.showStatus((m) => m.signIn.codeSent);
  }

  async signInWithCode(code: string): Promise<void> {
    const { state } = this;
    const login = state.login.trim();
    if (state.busy) return;
    if (login === '' || code.trim() === '') {
      moveFocus({ id: login === '' ? 'login' : 'sign-in-code' }, HEADING_ID);
      return this.showError((m) => m.signIn.codeMissing);
    }
    state.busy = true;
    this.showStatus((m) => m.signIn.progress);
    const result = await this.api.codeLogin(login, code.trim());
    state.busy = false;
    this.showStatus(undefined);
    if (!result.ok) return this.showError(this.failureText(result.failure));
    return this.signedIn(result.value);
  }

  async signIn(): Promise<void> {
    const { state } = this;
    if (state.busy) return;
    const login = state.login.trim();
    if (login === '' || state.password === '') {
      moveFocus({ id: login === '' ? 'login' : 'password' }, HEADING_ID);
      return this.showError((m) => m.signIn.missing);
    }
    state.busy = true;
    this.showStatus((m) => m.signIn.progress);
    const result = await this.api.login(login, state.password);
    state.busy = false;
    state.password = '';
    this.showStatus(undefined);
    if (!result.ok) {
      this.render({ id: 'password' });
      return this.showError(this.failureText(result.failure));
    }
    return this.signedIn(result.value);
  }

  private async signedIn(session: VoterSession): Promise<void> {
    const { state } = this;
    state.session = session;
    if (state.mode === 'vote') {
      // Whether a new ballot will replace an earlier one: said before casting (unknown if the check fails).
      const status = await this.api.ballotStatus();
      state.hasVoted = status.ok ? status.value.hasVoted : undefined;
    }
    // Signing in again after a session ended keeps the credential and the choices.
    this.go(state.credential && state.mode === 'vote' ? 'review' : 'credential');
  }

  submitCredential(): void {
    const { state } = this;
    const text = state.credentialText.replace(/\s+/g, '');
    const parsed = text === '' ? ({ ok: false, error: 'empty' } as const) : parsePrivateCredential(text);
    if (!parsed.ok) {
      state.credentialError = parsed.error;
      this.render({ id: 'credential' });
      this.showError((m) => m.credential[parsed.error], { shownInline: true });
      return;
    }
    state.credentialError = undefined;
    if (state.mode === 'access-test') {
      void this.testAccess(parsed.credential);
      return;
    }
    state.credential = parsed.credential;
    state.pendingBallot = undefined;
    this.go('questions');
  }

  /** Before opening, from the "not open yet" page: sign in, then check the credential; nothing is cast. */
  startAccessTest(): void {
    this.state.mode = 'access-test';
    this.go(this.state.session ? 'credential' : 'sign-in');
  }

  private async testAccess(credential: Parameters<typeof proveCredentialAccess>[2]): Promise<void> {
    const { state } = this;
    if (state.busy || !state.session) return;
    state.busy = true;
    this.showStatus(() => messagesFor(state.language).congressDefects.booth.accessProgress);
    try {
      const challenge = await this.api.accessChallenge();
      if (!challenge.ok) return this.showError(this.failureText(challenge.failure));
      const { challenge: text, group, uuid } = challenge.value;
      const proof = proveCredentialAccess(requireGroup(group), uuid, credential, text);
      const checked = await this.api.accessCheck(
        text,
        { challenge: proof.challenge.toString(), response: proof.response.toString() },
        state.session.csrfToken,
      );
      if (!checked.ok) {
        this.render({ id: 'credential' });
        return this.showError(this.failureText(checked.failure));
      }
      // Tested: the credential is not kept (the voter enters it again to vote).
      state.credentialText = '';
      state.credentialFromLink = false;
      this.go('access-result');
    } finally {
      state.busy = false;
      if (state.step !== 'access-result') this.showStatus(undefined);
    }
  }

  reviewVote(): void {
    const { state } = this;
    state.problems = state.questions.map((question, i) => selectionProblem(question, state.selections[i]!));
    const invalid = state.problems.flatMap((problem, i) => (problem ? [{ problem, i }] : []));
    const first = invalid[0];
    if (first) {
      this.render({ id: firstControlId(first.i) });
      this.showError((m) =>
        [
          m.questions.summary(invalid.length),
          ...invalid.map(({ problem, i }) =>
            m.questions.problemIn(
              m.questions.questionNumber(i + 1, state.questions.length),
              problemText(m.questions, problem, m.ranked),
            ),
          ),
        ].join(' '),
      );
      return;
    }
    // The protocol's own rule check, in case the booth's form and the core ever disagree.
    const problem = checkPlaintext(state.context!, toPlaintext(state.questions, state.selections));
    if (problem !== undefined) {
      this.showError((m) => `${m.questions.rejected} (${problem})`);
      return;
    }
    state.pendingBallot = undefined;
    this.go('review');
  }

  changeChoices(): void {
    this.state.pendingBallot = undefined;
    this.go('questions');
  }

  async cast(): Promise<void> {
    const { state } = this;
    if (state.busy) return;
    if (!state.session || !state.credential || !state.context)
      return this.go(state.session ? 'credential' : 'sign-in');
    state.busy = true;
    this.markCastButton(true);
    this.showError(undefined);
    try {
      let ballot = state.pendingBallot;
      if (!ballot) {
        this.showStatus((m) => m.review.encrypting);
        await nextPaint();
        ballot = this.encrypt();
        state.pendingBallot = ballot;
      }
      this.showStatus((m) => m.review.sending);
      const result = await this.api.castBallot(ballot.text, state.session.csrfToken);
      this.showStatus(undefined);
      if (result.ok) return this.confirm(ballot.tracker, result.value.tracker);
      this.castFailed(result.failure, ballot.tracker);
    } catch (error) {
      // A bug, not an expected failure: say so rather than leave "Encrypting…" on screen.
      this.showStatus(undefined);
      this.showError((m) => m.review.failed);
      console.error(error);
    } finally {
      state.busy = false;
      this.markCastButton(false);
    }
  }

  private encrypt(): { text: string; tracker: string } {
    const { state } = this;
    performance.mark(`${ENCRYPT_MEASURE}:start`);
    const plaintext = toPlaintext(state.questions, state.selections);
    const text = serializeBallot(createBallot(state.context!, state.credential!, plaintext));
    performance.measure(ENCRYPT_MEASURE, `${ENCRYPT_MEASURE}:start`);
    return { text, tracker: sha256B64(text) };
  }

  private castFailed(failure: Failure, localTracker: string): void {
    const { state } = this;
    if (failure.kind !== 'http' || failure.status >= 500) {
      // The ballot may or may not be stored: keep it, so trying again sends the very same bytes.
      this.showError((m) => `${m.review.uncertain} ${resolveText(this.failureText(failure), m)}`);
      return;
    }
    if (failure.code === 'SCR_BALLOT_DUPLICATE') {
      this.confirm(localTracker, undefined);
      return;
    }
    if (failure.code === 'SCR_UNAUTHENTICATED' || failure.code === 'SCR_CSRF') {
      state.session = undefined;
      this.go('sign-in');
      this.showError((m) => m.review.signInAgain);
      return;
    }
    state.pendingBallot = undefined;
    if (failure.code === 'SCR_BALLOT_WRONG_CREDENTIAL') {
      state.credential = undefined;
      this.go('credential');
    }
    this.showError(failure.message);
  }

  private confirm(localTracker: string, serverTracker: string | undefined): void {
    const { state } = this;
    state.receipt = {
      localTracker,
      serverTracker,
      replaced: state.hasVoted === true && serverTracker !== undefined,
    };
    state.hasVoted = true;
    // The vote is cast: forget the credential and the clear choices.
    state.credential = undefined;
    state.credentialText = '';
    state.credentialFromLink = false;
    state.pendingBallot = undefined;
    state.selections = state.questions.map(emptySelection);
    this.go('confirmation');
  }

  switchLanguage(language: Language): void {
    if (language === this.state.language) return;
    this.state.language = language;
    this.onLanguageChange(language);
    this.render('none');
  }

  // ——— rendering ———

  private go(step: Step): void {
    this.state.step = step;
    this.showError(undefined);
    this.showStatus(undefined);
    this.render('heading');
  }

  private screen(view: View): HTMLElement {
    switch (view.state.step) {
      case 'loading':
        return loadingScreen(view);
      case 'unavailable':
        return unavailableScreen(view);
      case 'sign-in':
        return signInScreen(view);
      case 'credential':
        return credentialScreen(view);
      case 'questions':
        return questionsScreen(view);
      case 'review':
        return reviewScreen(view);
      case 'confirmation':
        return confirmationScreen(view);
      case 'access-result':
        return accessResultScreen(view);
    }
  }

  private render(focus: Focus): void {
    const { state, elements } = this;
    const m = this.m;
    const round = state.place?.round ?? 1;
    const name =
      state.info === undefined
        ? ''
        : round > 1
          ? messagesFor(state.language).congressDefects.mail.roundName(state.info.name, round)
          : state.info.name;
    this.header.update(state.language, name);
    replaceChildren(elements.screen, this.screen({ state, m, actions: this }));
    const heading = document.getElementById(HEADING_ID)?.textContent;
    document.title = heading ? m.documentTitle(heading, name) : m.brand;
    this.announcer.refresh();
    moveFocus(focus, HEADING_ID);
  }

  private showError(text: Text | undefined, options: { shownInline?: boolean } = {}): void {
    this.announcer.showError(text, options);
  }

  private showStatus(text: Text | undefined): void {
    this.announcer.showStatus(text);
  }

  private markCastButton(busy: boolean): void {
    const button = document.getElementById('cast-button');
    if (busy) button?.setAttribute('aria-disabled', 'true');
    else button?.removeAttribute('aria-disabled');
  }

  private failureText(failure: Failure): Text {
    return failureText(failure);
  }
}
