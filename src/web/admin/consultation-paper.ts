/**
 * Entering a box counted elsewhere (paper): its label (or the annulled box it replaces), who entered
 * the totals, the registered voters and ballots (weights optional), the counts of every answer in
 * result order (blank first), and the counting report as a file (sent, its SHA-256 recorded) or
 * only its SHA-256. Marked "not cryptographically verifiable" here as in every output.
 */

import { confirmAction } from '../kit/confirm.js';
import { type AdminConsultation, consultationApi } from '../kit/consultation/types.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import type { Shell } from '../kit/staff-shell.js';

const WHOLE = /^\d{1,15}$/;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function paperCard(
  shell: Shell,
  view: AdminConsultation,
  refresh: (message: string) => Promise<void>,
): HTMLElement {
  const t = shell.t.congressPages.paper;
  const replaced = new Set(view.boxes.map((b) => b.replaces));
  const annulled = view.boxes.filter((b) => b.annulment !== null && !replaced.has(b.id));
  const label = h('input', { id: 'paper-label', type: 'text', maxlength: 200, autocomplete: 'off' });
  const replaces = h(
    'select',
    { id: 'paper-replaces' },
    h('option', { value: '' }, t.replacesNone),
    ...annulled.map((b) => h('option', { value: b.id }, b.label)),
  );
  replaces.addEventListener('change', () => {
    const box = annulled.find((b) => b.id === replaces.value);
    if (box) label.value = box.label;
  });
  const enteredBy = h('input', { id: 'paper-by', type: 'text', maxlength: 200, autocomplete: 'off' });
  const number = (id: string) =>
    h('input', { id, type: 'text', inputmode: 'numeric', maxlength: 15, autocomplete: 'off' });
  const registered = number('paper-registered');
  const ballots = number('paper-ballots');
  const registeredWeight = number('paper-registered-weight');
  const weightCast = number('paper-weight-cast');
  const counts = view.template.questions.map((q, i) => {
    const slots = [...(q.blank ? [t.blankLine] : []), ...q.answers];
    const inputs = slots.map((_, j) => number(`paper-q${i}-s${j}`));
    const set = h(
      'fieldset',
      { class: 'plain' },
      h('legend', {}, t.countsOf(i + 1, q.question)),
      ...slots.map((name, j) => field(name, inputs[j]!)),
    );
    return { set, inputs };
  });
  const report = h('input', { id: 'paper-report', type: 'file' });
  const reportHash = h('input', {
    id: 'paper-report-hash',
    type: 'text',
    maxlength: 64,
    autocomplete: 'off',
    class: 'mono',
  });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const name = label.value.trim();
          const by = enteredBy.value.trim();
          const required = [registered, ballots, ...counts.flatMap((c) => c.inputs)];
          const optional = [registeredWeight, weightCast];
          if (
            name === '' ||
            by.length < 2 ||
            required.some((i) => !WHOLE.test(i.value.trim())) ||
            optional.some((i) => i.value.trim() !== '' && !WHOLE.test(i.value.trim()))
          )
            return shell.problem(t.missing);
          const file = report.files?.[0];
          if (!file && reportHash.value.trim() === '') return shell.problem(t.reportMissing);
          const ok = await confirmAction({
            title: t.confirmTitle(name),
            effects: t.confirmEffects(by),
            confirmLabel: t.submit,
            cancelLabel: shell.t.admin.cancel,
          });
          if (!ok) return;
          const figures = {
            registeredVoters: registered.value.trim(),
            ballotsCounted: ballots.value.trim(),
            ...(registeredWeight.value.trim() ? { registeredWeight: registeredWeight.value.trim() } : {}),
            ...(weightCast.value.trim() ? { weightCast: weightCast.value.trim() } : {}),
            counts: counts.map((c) => c.inputs.map((i) => i.value.trim())),
          };
          const answer = await shell.api.send('POST', `${consultationApi(view.id)}/boxes/paper`, {
            label: name,
            replaces: replaces.value === '' ? null : replaces.value,
            enteredBy: by,
            figures,
            report: file
              ? { fileName: file.name, contentBase64: await base64Of(file) }
              : { fileName: `${name}.report`, sha256: reportHash.value.trim() },
          });
          if (!answer.ok) return shell.fail(answer.failure);
          await refresh(t.done(name));
        },
      },
    },
    h('p', { class: 'hint' }, t.intro),
    annulled.length > 0 ? field(t.replaces, replaces) : null,
    field(t.label, label),
    field(t.enteredBy, enteredBy),
    h('div', { class: 'row' }, field(t.registeredVoters, registered), field(t.ballotsCounted, ballots)),
    h('div', { class: 'row' }, field(t.registeredWeight, registeredWeight), field(t.weightCast, weightCast)),
    ...counts.map((c) => c.set),
    field(t.report, report),
    field(t.reportHash, reportHash),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.submit)),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'paper-heading' },
    h('h2', { id: 'paper-heading' }, t.heading),
    form,
  );
}
