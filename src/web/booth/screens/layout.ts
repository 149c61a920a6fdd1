/** The frame every step shares: step number, a focusable heading, who is signed in. */
import { type Child, h } from '../../kit/dom.js';
import type { View } from '../state.js';

/** Sign in, credential, questions, review: the confirmation that follows has no number. */
export const STEP_COUNT = 4;

export const HEADING_ID = 'step-heading';

export function stepScreen(
  view: View,
  options: { step?: number; heading: string },
  ...children: Child[]
): HTMLElement {
  const { m, state } = view;
  const { step, heading } = options;
  return h(
    'section',
    { class: 'screen', 'aria-labelledby': HEADING_ID },
    step !== undefined && h('p', { class: 'step-number' }, m.stepOf(step, STEP_COUNT)),
    h('h1', { id: HEADING_ID, tabindex: -1 }, heading),
    step !== undefined &&
      step > 1 &&
      state.session !== undefined &&
      h('p', { class: 'signed-in' }, m.signIn.signedInAs(state.session.voter.displayName)),
    ...children,
  );
}

/** A label, its hint and error (both read with the field), then the field itself. */
export function field(
  input: HTMLInputElement,
  label: string,
  options: { hint?: string; notes?: string[]; error?: string } = {},
): HTMLElement {
  const id = input.id;
  const described: string[] = [];
  const hint = options.hint && h('p', { id: `${id}-hint`, class: 'hint' }, options.hint);
  if (hint) described.push(hint.id);
  const notes = (options.notes ?? []).map((note, i) =>
    h('p', { id: `${id}-note-${i}`, class: 'note' }, note),
  );
  described.push(...notes.map((note) => note.id));
  const error = options.error && h('p', { id: `${id}-error`, class: 'field-error' }, options.error);
  if (error) {
    described.push(error.id);
    input.setAttribute('aria-invalid', 'true');
  }
  if (described.length > 0) input.setAttribute('aria-describedby', described.join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint, ...notes, error, input);
}

/** The browser's own regional variant when it speaks the booth's language (en-GB dates for en-GB). */
function regionalLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

export function formatDeadline(closesAt: string, timeZone: string, language: string): string {
  const date = new Date(closesAt);
  const locale = regionalLocale(language);
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    // An unknown time zone name: show the voter's local time rather than nothing.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/** Election name is in the header; here its description and closing time. */
export function electionSummary(view: View): HTMLElement | undefined {
  const info = view.state.info;
  if (!info) return undefined;
  return h(
    'div',
    { class: 'election-summary' },
    info.description !== '' && h('p', {}, info.description),
    info.closesAt !== null &&
      h('p', {}, view.m.closesAt(formatDeadline(info.closesAt, info.timeZone, view.state.language))),
  );
}
