/**
 * The landing page (/): what Scrutin is, and where staff sign in. It lists nothing — no
 * organisation, no election — so it tells a visitor nothing about who uses this server; voters
 * arrive through the link of their own election instead.
 */

import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { Shell } from '../kit/staff-shell.js';

function render(shell: Shell): void {
  const t = shell.t.ops.home;
  shell.frame(t.title);
  const heading = h('h1', { tabindex: -1 }, t.title);
  replaceChildren(
    shell.screen,
    heading,
    h('p', {}, t.intro),
    h('p', {}, t.belenios),
    h('p', {}, t.voters),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'staff-heading' },
      h('h2', { id: 'staff-heading' }, t.staff),
      h(
        'ul',
        { class: 'links' },
        h('li', {}, h('a', { href: '/admin' }, t.signIn)),
        h('li', {}, h('a', { href: '/operator' }, t.operator)),
      ),
    ),
  );
  focusElement(heading);
}

const shell: Shell = new Shell(() => render(shell));
render(shell);
