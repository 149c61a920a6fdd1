/**
 * When no vote can be cast from this page: not open, closed, annulled, unknown or unreadable. Before
 * opening, the voter may test their access (the invitation mail says so): sign in, check the credential.
 */
import { messagesFor } from '../../../i18n/index.js';
import { h } from '../../kit/dom.js';
import { resolveText, type View } from '../state.js';
import { stepScreen } from './layout.js';

export function unavailableScreen(view: View): HTMLElement {
  const { m, state, actions } = view;
  const d = messagesFor(state.language).congressDefects.booth;
  // Before opening, the public sees no election at this address (a draft answers 404 like an unknown
  // id), so the access test is offered there too: signing in needs the voter's own password.
  const accessTest = state.info?.state === 'draft' || state.notFound === true;
  // Issue 16: an annulled box says why, and leads to the vote that replaces it.
  const annulled = state.info?.state === 'annulled' ? state.place : undefined;
  const a = messagesFor(state.language).voterHelp.booth;
  return stepScreen(
    view,
    { heading: m.unavailable.heading },
    state.unavailable !== undefined && h('p', {}, resolveText(state.unavailable, m)),
    annulled?.annulReason ? h('p', { id: 'annul-reason' }, a.reason(annulled.annulReason)) : null,
    annulled?.rerunElectionId
      ? h(
          'div',
          { class: 'actions' },
          h(
            'a',
            {
              class: 'button primary',
              id: 'rerun-vote',
              href: `/vote/${encodeURIComponent(annulled.rerunElectionId)}`,
            },
            a.rerun,
          ),
        )
      : annulled
        ? h('p', {}, a.noRerunYet)
        : null,
    accessTest && h('p', {}, d.accessIntro),
    accessTest &&
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'access-test',
            on: { click: () => actions.startAccessTest() },
          },
          d.accessStart,
        ),
      ),
  );
}

export function loadingScreen(view: View): HTMLElement {
  return h('section', { class: 'screen' }, h('p', {}, view.m.loading));
}
