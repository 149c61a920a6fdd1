/** Step 1: the voter signs in with the login and password of this election. */
import { h } from '../../kit/dom.js';
import type { View } from '../state.js';
import { electionSummary, field, stepScreen } from './layout.js';
import { lostCredential } from './lost-credential.js';

export function signInScreen(view: View): HTMLElement {
  const { m, state, actions } = view;
  const login = h('input', {
    id: 'login',
    name: 'login',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    value: state.login,
    on: { input: () => (state.login = login.value) },
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    value: state.password,
    on: { input: () => (state.password = password.value) },
  });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.signIn();
        },
      },
    },
    field(login, m.signIn.login),
    field(password, m.signIn.password),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.signIn.submit)),
  );
  const code = h('input', {
    id: 'sign-in-code',
    name: 'one-time-code',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 32,
  });
  const byCode = h(
    'details',
    { class: 'panel' },
    h('summary', {}, m.signIn.codeToggle),
    h('p', {}, m.signIn.codeIntro),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', on: { click: () => actions.requestCode() } }, m.signIn.codeSend),
    ),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            actions.signInWithCode(code.value);
          },
        },
      },
      field(code, m.signIn.codeLabel),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, m.signIn.codeSubmit)),
    ),
  );
  return stepScreen(
    view,
    { step: 1, heading: m.signIn.heading },
    electionSummary(view),
    h('p', {}, m.signIn.intro),
    form,
    byCode,
    lostCredential(view),
  );
}
