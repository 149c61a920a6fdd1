/** The access test's outcome (before opening): the credential is the registered one; nothing was cast. */
import { messagesFor } from '../../../i18n/index.js';
import { h } from '../../kit/dom.js';
import type { View } from '../state.js';
import { stepScreen } from './layout.js';

export function accessResultScreen(view: View): HTMLElement {
  const d = messagesFor(view.state.language).congressDefects.booth;
  return stepScreen(view, { heading: d.accessHeading }, h('p', { id: 'access-result' }, d.accessPassed));
}
