/**
 * "I lost my credential" (issue 16 point 2), shown by the booth and the public election page: a
 * short form (login and registered address) for POST …/recovery/requests when the election is open
 * with credential escrow, or whom to contact when it offers no recovery. The server answers the same
 * for any login and address, and so does this form: it never says whether the login is on the roll.
 */
import { SelfServiceReceived, SelfServiceRecovery } from '../../contract/voter.js';
import { type Language, messagesFor } from '../../i18n/index.js';
import { h } from './dom.js';
import { field } from './field.js';
import { checked, type Result, requestJson } from './http.js';
import { failureText, resolveText } from './page.js';

const base = (electionId: string) => `/api/v1/elections/${encodeURIComponent(electionId)}/recovery`;

/** Whether the pages may offer the form, and the help contact; a failure is read as "no offer". */
export function selfServiceRecovery(
  electionId: string,
  language: Language,
): Promise<Result<SelfServiceRecovery>> {
  return requestJson('GET', `${base(electionId)}/self-service`, { language }, checked(SelfServiceRecovery));
}

/** What `offer` allows: the form, or whom to contact. */
export function lostCredentialSection(
  electionId: string,
  language: Language,
  offer: SelfServiceRecovery,
): HTMLElement {
  const all = messagesFor(language);
  const m = all.voterHelp.lostCredential;
  const contact = offer.helpContact.trim();
  if (!offer.available)
    return h(
      'section',
      { class: 'lost-credential', id: 'lost-credential', 'aria-label': m.summary },
      h('p', {}, m.none),
      h('p', { id: 'lost-credential-contact' }, contact === '' ? m.noContact : m.contact(contact)),
    );
  const login = h('input', { id: 'lost-login', name: 'login', type: 'text', autocomplete: 'username' });
  const email = h('input', { id: 'lost-email', name: 'email', type: 'email', autocomplete: 'email' });
  const submit = h('button', { type: 'submit' }, m.submit);
  const alert = h('p', { role: 'alert', id: 'lost-credential-error', class: 'error' });
  const status = h('p', { role: 'status', id: 'lost-credential-status' });
  const show = (error: string, said: string) => {
    alert.textContent = error;
    status.textContent = said;
  };
  const send = async () => {
    if (login.value.trim() === '' || email.value.trim() === '') {
      (login.value.trim() === '' ? login : email).focus();
      return show(m.missing, '');
    }
    submit.disabled = true;
    show('', m.sending);
    const result = await requestJson(
      'POST',
      `${base(electionId)}/requests`,
      { language, body: { login: login.value.trim(), email: email.value.trim() } },
      checked(SelfServiceReceived),
    );
    submit.disabled = false;
    if (!result.ok) return show(resolveText(failureText(result.failure), all.booth), '');
    // The same words whatever matched: the roll's membership stays private.
    login.value = '';
    email.value = '';
    show('', m.received);
  };
  return h(
    'details',
    { class: 'lost-credential', id: 'lost-credential' },
    h('summary', {}, m.summary),
    h('p', {}, m.intro),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            void send();
          },
        },
      },
      field(m.login, login),
      field(m.email, email),
      h('div', { class: 'actions' }, submit),
    ),
    alert,
    status,
  );
}
