/**
 * The trustee page's screens: sign-in, then one page of tasks drawn from the state — the Single key
 * (make it, download the private file, send the public key), the threshold key establishment
 * (progress of the three steps and the current action), and at tally time the key file to decrypt
 * with. Stable ids on every control (see the page's tests) so scenarios can drive it.
 */
import { type Child, h } from '../kit/dom.js';
import { HEADING_ID, type View } from './state.js';

export function frame(view: View, heading: string, ...children: Child[]): HTMLElement {
  const { m, state } = view;
  return h(
    'section',
    { class: 'screen', 'aria-labelledby': HEADING_ID },
    h('h1', { id: HEADING_ID, tabindex: -1 }, heading),
    state.session &&
      h(
        'div',
        { class: 'signed-in-row' },
        h('p', { class: 'signed-in' }, m.signedInAs(state.session.displayName)),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            id: 'sign-out',
            on: { click: () => void view.actions.signOut() },
          },
          m.signOut,
        ),
      ),
    ...children,
  );
}

export function signInScreen(view: View): HTMLElement {
  const { m, state } = view;
  const email = h('input', {
    id: 'email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    value: state.email,
    on: { input: () => (state.email = email.value) },
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    on: { input: () => (state.password = password.value) },
  });
  return frame(
    view,
    m.signIn.heading,
    h('p', {}, m.signIn.intro),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            void view.actions.signIn();
          },
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'email' }, m.signIn.email), email),
      h('div', { class: 'field' }, h('label', { for: 'password' }, m.signIn.password), password),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, m.signIn.submit),
      ),
    ),
  );
}

export function dashboard(view: View): HTMLElement {
  const { m, state } = view;
  const duties = state.duties!;
  const { election } = duties;
  const sections: Child[] = [];
  const outcome =
    state.outcome && h('p', { id: 'outcome', class: 'outcome', tabindex: -1 }, view.resolve(state.outcome));
  sections.push(h('p', { class: 'election-state', id: 'election-state' }, m.state[election.state]));
  if (election.state === 'draft') {
    if (duties.threshold) sections.push(thresholdSection(view));
    if (!duties.threshold || duties.singles.length > 0) sections.push(singleSection(view));
  } else {
    sections.push(keysSummary(view));
    if (election.state === 'tallied') {
      const shuffles = state.shuffles;
      if (shuffles?.needed && !shuffles.ended) sections.push(shuffleSection(view));
      else sections.push(decryptSection(view));
    }
    if (election.state === 'published')
      sections.push(
        h(
          'p',
          {},
          h(
            'a',
            { href: `/elections/${encodeURIComponent(view.electionId)}`, id: 'result-link' },
            m.resultLink,
          ),
        ),
      );
  }
  return frame(view, m.heading, outcome, ...sections);
}

/** A file field with its label, hint and inline error (read with the field). */
function fileField(
  view: View,
  id: string,
  label: string,
  hint: string,
  purpose: 'threshold' | 'decrypt',
  loaded?: string,
): HTMLElement {
  const { state } = view;
  const error = state.fieldError?.id === id ? view.resolve(state.fieldError.text) : undefined;
  const input = h('input', {
    id,
    name: id,
    type: 'file',
    accept: '.key,.privkey,text/plain',
    'aria-describedby': [`${id}-hint`, loaded ? `${id}-loaded` : undefined, error ? `${id}-error` : undefined]
      .filter(Boolean)
      .join(' '),
    'aria-invalid': error ? 'true' : undefined,
    on: { change: () => void view.actions.loadKeyFile(input, purpose) },
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('p', { id: `${id}-hint`, class: 'hint' }, hint),
    loaded && h('p', { id: `${id}-loaded`, class: 'note loaded' }, loaded),
    error && h('p', { id: `${id}-error`, class: 'field-error' }, error),
    input,
  );
}

function singleSection(view: View): HTMLElement {
  const { m, state } = view;
  const duties = state.duties!;
  const registered = duties.singles[0];
  const body: Child[] = [];
  if (registered) {
    body.push(h('p', {}, m.single.registered), fingerprint(view, registered.keyId, registered.fingerprint));
    body.push(h('p', {}, m.single.keep(`${registered.keyId}.privkey`)));
  } else if (!state.single) {
    body.push(
      h('p', {}, m.single.intro),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'single-generate',
            on: { click: () => view.actions.generateSingle() },
          },
          m.single.generate,
        ),
      ),
    );
  } else {
    const pair = state.single;
    const saved = h('input', {
      type: 'checkbox',
      id: 'single-saved',
      checked: state.singleSaved,
      on: { change: () => (state.singleSaved = saved.checked) },
    });
    body.push(
      h('p', {}, m.single.generated),
      h('p', { class: 'keyid' }, m.keyId, ' ', h('code', { id: 'single-key-id' }, pair.keyId)),
      h(
        'p',
        {},
        h(
          'a',
          { href: pair.url, download: pair.privateFile.name, id: 'single-download', class: 'download' },
          m.single.download(pair.privateFile.name),
        ),
      ),
      h('p', { class: 'hint' }, m.single.downloadHint),
      h(
        'div',
        { class: 'choice' },
        saved,
        h('label', { for: 'single-saved' }, m.single.saved(pair.privateFile.name)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'single-upload',
            on: { click: () => void view.actions.uploadSingle() },
          },
          m.single.upload,
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'task', 'aria-labelledby': 'single-heading' },
    h('h2', { id: 'single-heading' }, m.single.heading),
    ...body,
  );
}

function fingerprint(view: View, keyId: string, hash: string): HTMLElement {
  const { m } = view;
  return h(
    'dl',
    { class: 'facts' },
    h('div', {}, h('dt', {}, m.keyId), h('dd', {}, h('code', { id: 'key-id' }, keyId))),
    h('div', {}, h('dt', {}, m.fingerprint), h('dd', {}, h('code', { id: 'key-fingerprint' }, hash))),
  );
}

function thresholdSection(view: View): HTMLElement {
  const { m, state } = view;
  const status = state.threshold!;
  const mine = view.mySlot;
  const names = (slots: readonly number[]) =>
    slots.map((slot) => status.trustees[slot - 1]?.displayName ?? String(slot)).join(', ');
  const order = ['certificates', 'polynomials', 'voutputs'] as const;
  const current = order.indexOf(status.step as (typeof order)[number]);
  const steps = order.map((step, i) => {
    const done = status.step === 'done' || i < current;
    const mineDone =
      mine?.[step === 'certificates' ? 'certificate' : step === 'polynomials' ? 'polynomial' : 'voutput'] ===
      true;
    const text = done
      ? m.threshold.stepDone
      : i > current
        ? m.threshold.stepLater
        : mineDone
          ? m.threshold.waitingFor(names(status.missing))
          : m.threshold.yourTurn;
    return h(
      'li',
      {
        class: done ? 'step done' : i === current ? 'step current' : 'step',
        'aria-current': i === current ? 'step' : undefined,
      },
      h('span', { class: 'step-name' }, m.threshold.steps[step]),
      ' — ',
      h('span', { class: 'step-state', id: `threshold-${step}-state` }, text),
    );
  });
  const body: Child[] = [
    h('p', {}, m.threshold.intro(status.threshold, status.trustees.length)),
    h('ol', { class: 'progress', id: 'threshold-progress' }, ...steps),
  ];
  if (status.step === 'done') {
    body.push(
      h(
        'p',
        { class: 'done-note', id: 'threshold-done' },
        m.threshold.done(mine?.id ? `${mine.id}.key` : '.key'),
      ),
    );
  } else if (mine && !status.missing.includes(mine.slot)) {
    body.push(
      h('p', { id: 'threshold-waiting' }, m.threshold.waiting),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: 'threshold-refresh',
            on: { click: () => void view.actions.refresh() },
          },
          m.checkAgain,
        ),
      ),
    );
  } else if (status.step === 'certificates') {
    body.push(...certificateStep(view));
  } else {
    const keyName = mine?.id ? `${mine.id}.key` : '.key';
    const loaded = state.seed ? m.files.loaded(`${state.seed.id}.key`) : undefined;
    const action = status.step === 'polynomials' ? 'polynomial' : 'voutput';
    body.push(
      h('p', {}, m.threshold.explain[action]),
      state.seed
        ? h('p', { class: 'note loaded', id: 'threshold-key-loaded' }, loaded)
        : fileField(view, 'threshold-key-file', m.files.thresholdLabel(keyName), m.files.hint, 'threshold'),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: `threshold-send-${action}`,
            on: {
              click: () =>
                void (action === 'polynomial' ? view.actions.sendPolynomial() : view.actions.sendVoutput()),
            },
          },
          m.threshold.send[action],
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'task', 'aria-labelledby': 'threshold-heading' },
    h('h2', { id: 'threshold-heading', tabindex: -1 }, m.threshold.heading),
    ...body,
  );
}

function certificateStep(view: View): Child[] {
  const { m, state } = view;
  if (!state.seed || !state.pendingCert || !state.seed.file) {
    return [
      h('p', {}, m.threshold.explain.cert),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'threshold-generate',
            on: { click: () => view.actions.generateThreshold() },
          },
          m.threshold.generate,
        ),
      ),
    ];
  }
  const file = state.seed.file;
  const saved = h('input', {
    type: 'checkbox',
    id: 'threshold-key-saved',
    checked: state.seedSaved,
    on: { change: () => (state.seedSaved = saved.checked) },
  });
  return [
    h('p', {}, m.threshold.generated),
    h(
      'p',
      {},
      h(
        'a',
        { href: file.url, download: file.name, id: 'threshold-key-download', class: 'download' },
        m.threshold.download(file.name),
      ),
    ),
    h('p', { class: 'hint' }, m.threshold.downloadHint),
    h(
      'div',
      { class: 'choice' },
      saved,
      h('label', { for: 'threshold-key-saved' }, m.threshold.saved(file.name)),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'threshold-send-cert',
          on: { click: () => void view.actions.sendCertificate() },
        },
        m.threshold.send.cert,
      ),
    ),
  ];
}

function keysSummary(view: View): HTMLElement {
  const { m, state } = view;
  const duties = state.duties!;
  const mine = view.mySlot;
  const items: Child[] = [];
  for (const single of duties.singles)
    items.push(h('p', {}, m.single.registered), fingerprint(view, single.keyId, single.fingerprint));
  if (duties.threshold)
    items.push(h('p', {}, m.threshold.member(duties.threshold.slot, mine?.id ? `${mine.id}.key` : '.key')));
  if (duties.election.state === 'open' || duties.election.state === 'closed')
    items.push(h('p', {}, m.decrypt.later));
  return h(
    'section',
    { class: 'task', 'aria-labelledby': 'keys-heading' },
    h('h2', { id: 'keys-heading' }, m.keysHeading),
    ...items,
  );
}

function decryptSection(view: View): HTMLElement {
  const { m, state } = view;
  const duties = state.duties!;
  const owners = [
    ...duties.singles.map((s) => s.owner),
    ...(duties.threshold ? [duties.threshold.owner] : []),
  ];
  const pending = owners.filter((owner) => !duties.decrypted.includes(owner));
  const body: Child[] = [];
  if (owners.length > 0 && pending.length === 0) {
    body.push(h('p', { class: 'done-note', id: 'decrypt-done' }, m.decrypt.done));
  } else {
    const expected = [
      ...duties.singles.map((s) => `${s.keyId}.privkey`),
      ...(duties.threshold && view.mySlot?.id ? [`${view.mySlot!.id}.key`] : []),
    ].join(', ');
    body.push(
      h('p', {}, m.decrypt.intro),
      fileField(
        view,
        'decrypt-key-file',
        m.files.decryptLabel(expected || '.privkey, .key'),
        m.files.hint,
        'decrypt',
        state.decryptionKey ? m.files.loaded(state.decryptionKey.name) : undefined,
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'decrypt-send',
            on: { click: () => void view.actions.decrypt() },
          },
          m.decrypt.send,
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'task', 'aria-labelledby': 'decrypt-heading' },
    h('h2', { id: 'decrypt-heading' }, m.decrypt.heading),
    ...body,
  );
}

/**
 * The shuffle phase (issue 18): the trustee whose turn it is shuffles here, with a progress bar
 * (a native <progress>, announced with its text); the others see whose turn it is.
 */
function shuffleSection(view: View): HTMLElement {
  const { m, state } = view;
  const shuffles = state.shuffles!;
  const mine = shuffles.shufflers.filter((s) => view.myOwners.includes(s.owner));
  const body: Child[] = [h('p', {}, m.shuffle.intro)];
  const myTurn = shuffles.next !== null && view.myOwners.includes(shuffles.next);
  if (myTurn) {
    body.push(h('p', { id: 'shuffle-turn' }, m.shuffle.yourTurn(shuffles.next!)));
    if (state.shuffleProgress !== undefined) {
      const text = m.shuffle.progress(state.shuffleProgress);
      body.push(
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'shuffle-progress' }, m.shuffle.progressLabel),
          h('progress', {
            id: 'shuffle-progress',
            max: 100,
            value: state.shuffleProgress,
            'aria-valuetext': text,
            tabindex: -1,
          }),
          h('p', { id: 'shuffle-progress-text', class: 'note' }, text),
        ),
      );
    } else
      body.push(
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              id: 'shuffle-send',
              on: { click: () => void view.actions.shuffle() },
            },
            m.shuffle.send,
          ),
        ),
      );
  } else {
    if (mine.some((s) => s.status === 'shuffled'))
      body.push(h('p', { class: 'done-note', id: 'shuffle-done' }, m.shuffle.done));
    else if (mine.some((s) => s.status === 'skipped'))
      body.push(h('p', { id: 'shuffle-skipped' }, m.shuffle.skipped));
    if (shuffles.next !== null)
      body.push(h('p', { id: 'shuffle-waiting' }, m.shuffle.waiting(shuffles.next)));
    body.push(
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            id: 'shuffle-refresh',
            on: { click: () => void view.actions.refresh() },
          },
          m.shuffle.refresh,
        ),
      ),
    );
  }
  body.push(h('p', { class: 'note', id: 'decrypt-after' }, m.shuffle.decryptAfter));
  return h(
    'section',
    { class: 'task', 'aria-labelledby': 'shuffle-heading' },
    h('h2', { id: 'shuffle-heading' }, m.shuffle.heading),
    ...body,
  );
}
