/**
 * Every consequential action is shown before it is done: a modal <dialog> (native focus trap and
 * Escape to cancel) that says what will happen, may ask for a value (a reason, a new closing time),
 * and is confirmed with a button naming the action. Nothing is sent until it is confirmed.
 */
import { type Child, h } from './dom.js';

export interface Confirmation {
  readonly title: string;
  /** What the action will do, one consequence per line. */
  readonly effects: readonly string[];
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  /** Extra inputs (with their labels) shown under the effects. */
  readonly fields?: readonly Child[];
  /** A problem with the inputs (shown in the dialog, which stays open), or undefined. */
  readonly validate?: () => string | undefined;
  /** A destructive action gets a red confirm button. */
  readonly danger?: boolean;
}

let dialogs = 0;

/** Resolves true once confirmed, false when cancelled (button or Escape). */
export function confirmAction(options: Confirmation): Promise<boolean> {
  const id = `confirm-${++dialogs}`;
  const problem = h('p', { id: `${id}-problem`, class: 'field-error', role: 'alert' });
  return new Promise((resolve) => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let confirmed = false;
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-effects` },
      h(
        'form',
        {
          method: 'dialog',
          on: {
            submit: (event) => {
              event.preventDefault();
              const issue = options.validate?.();
              if (issue !== undefined) {
                problem.textContent = issue;
                return;
              }
              confirmed = true;
              dialog.close();
            },
          },
        },
        h('h2', { id: `${id}-title` }, options.title),
        h('ul', { id: `${id}-effects`, class: 'effects' }, ...options.effects.map((e) => h('li', {}, e))),
        ...(options.fields ?? []),
        problem,
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: options.danger ? 'danger' : 'primary' }, options.confirmLabel),
          h(
            'button',
            { type: 'button', class: 'secondary', on: { click: () => dialog.close() } },
            options.cancelLabel,
          ),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
