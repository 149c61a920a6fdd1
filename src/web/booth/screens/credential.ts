/**
 * Step 2: the private credential, typed or filled in from the link's fragment. It is checked here
 * (format and checksum) and then only used in this browser, to sign the ballot.
 */
import { messagesFor } from '../../../i18n/index.js';
import { h } from '../../kit/dom.js';
import type { View } from '../state.js';
import { field, stepScreen } from './layout.js';
import { lostCredential } from './lost-credential.js';

export function credentialScreen(view: View): HTMLElement {
  const { m, state, actions } = view;
  const error = state.credentialError && m.credential[state.credentialError];
  const testing = state.mode === 'access-test';
  const d = messagesFor(state.language).congressDefects.booth;
  const input = h('input', {
    id: 'credential',
    name: 'credential',
    type: 'text',
    class: 'credential-input',
    // Mobile keyboards must not capitalise or "correct" a Base58 code; browsers must not keep it.
    autocomplete: 'off',
    autocapitalize: 'none',
    autocorrect: 'off',
    spellcheck: 'false',
    required: true,
    maxlength: 40,
    value: state.credentialText,
    on: {
      input: () => {
        state.credentialText = input.value;
        state.credentialFromLink = false;
      },
    },
  });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.submitCredential();
        },
      },
    },
    field(input, m.credential.label, {
      hint: m.credential.hint,
      notes: state.credentialFromLink ? [m.credential.prefilled] : [],
      ...(error ? { error } : {}),
    }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, testing ? d.accessSubmit : m.credential.submit),
    ),
  );
  // Testing access before opening: same field, but nothing goes further than the check.
  if (testing)
    return stepScreen(view, { heading: d.accessHeading }, h('p', {}, d.accessCredentialIntro), form);
  return stepScreen(
    view,
    { step: 2, heading: m.credential.heading },
    h('p', {}, m.credential.intro),
    form,
    lostCredential(view),
  );
}
