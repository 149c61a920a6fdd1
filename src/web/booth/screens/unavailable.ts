/** When no vote can be cast from this page: not open, closed, annulled, unknown or unreadable. */
import { h } from '../dom.js';
import { resolveText, type View } from '../state.js';
import { stepScreen } from './layout.js';

export function unavailableScreen(view: View): HTMLElement {
  const { m, state } = view;
  return stepScreen(
    view,
    { heading: m.unavailable.heading },
    state.unavailable !== undefined && h('p', {}, resolveText(state.unavailable, m)),
  );
}

export function loadingScreen(view: View): HTMLElement {
  return h('section', { class: 'screen' }, h('p', {}, view.m.loading));
}
