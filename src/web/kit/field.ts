/** One labelled form control (label, optional hint tied by aria-describedby, control), shared by the admin pages. */
import { h } from './dom.js';

let fieldIds = 0;
/** A labelled input; ids are unique on the page. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  hint?: string,
) {
  const id = control.id || `field-${++fieldIds}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const isCheck =
    control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
  if (isCheck) return h('div', { class: 'choice' }, control, h('label', { for: id }, label));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hintId ? h('p', { id: hintId, class: 'hint' }, hint!) : null,
    control,
  );
}
