/**
 * Creating a consultation from a template (on the admin home): a leader's election over two rounds
 * or a one-round motion prefill the question, the answers and the round rule (top N, majority
 * threshold, minimum %, blank votes counted or not), which the admin then adjusts; one draft ballot
 * box per federation line. The server checks everything again and creates nothing on a mistake.
 */
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import type { Shell } from '../kit/staff-shell.js';
import { isTimeZone } from '../kit/time.js';

type Template = 'leader' | 'motion';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function createConsultationForm(
  shell: Shell,
  organisationId: string,
  timeZoneDefault: string,
): HTMLElement {
  const t = shell.t.congressPages.create;
  const template = h(
    'select',
    {},
    ...(['leader', 'motion'] as const).map((k) => h('option', { value: k }, t.templates[k]!)),
  );
  const name = h('input', { type: 'text', maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { rows: 2, maxlength: 5000 });
  const timeZone = h('input', { type: 'text', value: timeZoneDefault, maxlength: 64, autocomplete: 'off' });
  const boxes = h('textarea', { rows: 4 });
  const question = h('input', { type: 'text', maxlength: 1000, autocomplete: 'off' });
  const answers = h('textarea', { rows: 4 });
  const blank = h('input', { type: 'checkbox', checked: true });
  const rule = h('input', { type: 'checkbox', checked: true });
  const qualifying = h('input', { type: 'text', inputmode: 'numeric', value: '2', maxlength: 3 });
  const majority = h('input', { type: 'text', inputmode: 'decimal', value: '50', maxlength: 6 });
  const minimum = h('input', { type: 'text', inputmode: 'decimal', value: '', maxlength: 6 });
  const blankCounted = h('input', { type: 'checkbox' });
  const serverTrustee = h('input', { type: 'checkbox', checked: true });
  const ruleFields = h(
    'div',
    { class: 'option' },
    field(t.rule, rule),
    field(t.qualifying, qualifying),
    field(t.majority, majority),
    field(t.minimum, minimum),
    field(t.blankCounted, blankCounted),
  );
  const apply = (kind: Template) => {
    rule.checked = kind === 'leader';
    blank.checked = true;
    if (kind === 'motion' && answers.value.trim() === '') answers.value = t.motionAnswers;
  };
  template.addEventListener('change', () => apply(template.value as Template));
  const percent = (input: HTMLInputElement): number | null | 'bad' => {
    const text = input.value.trim().replace(',', '.');
    if (text === '') return null;
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'bad';
  };
  return h(
    'details',
    { class: 'panel', id: `new-consultation-${organisationId}` },
    h('summary', {}, t.summary),
    h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const labels = lines(boxes.value);
            const choices = lines(answers.value);
            if (
              name.value.trim() === '' ||
              labels.length === 0 ||
              question.value.trim() === '' ||
              choices.length < 2
            )
              return shell.problem(t.missing);
            if (!isTimeZone(timeZone.value.trim())) return shell.problem(shell.t.admin.home.badTimeZone);
            const top = Number(qualifying.value.trim());
            const majorityPercent = percent(majority);
            const minimumPercent = percent(minimum);
            if (
              rule.checked &&
              (!Number.isInteger(top) || top < 1 || majorityPercent === 'bad' || minimumPercent === 'bad')
            )
              return shell.problem(t.badNumber);
            const created = await shell.api.send<{ id: string }>(
              'POST',
              `/api/v1/organisations/${encodeURIComponent(organisationId)}/consultations`,
              {
                name: name.value.trim(),
                description: description.value,
                timeZone: timeZone.value.trim(),
                questions: [
                  {
                    question: question.value.trim(),
                    answers: choices,
                    min: 1,
                    max: 1,
                    ...(blank.checked ? { blank: true } : {}),
                  },
                ],
                boxes: labels.map((label) => ({ label })),
                rule: rule.checked
                  ? {
                      question: 0,
                      qualifying: top,
                      majorityPercent,
                      minimumPercent,
                      blankVotes: blankCounted.checked ? 'counted' : 'excluded',
                    }
                  : null,
                serverTrustee: serverTrustee.checked,
              },
            );
            if (!created.ok) return shell.fail(created.failure);
            shell.announce(t.created(name.value.trim()));
            window.location.assign(`/admin/consultations/${encodeURIComponent(created.value.id)}`);
          },
        },
      },
      h('p', { class: 'hint' }, t.intro),
      field(t.template, template),
      field(t.name, name),
      field(t.description, description),
      field(t.timeZone, timeZone, shell.t.admin.home.timeZoneHint),
      field(t.boxes, boxes, t.boxesHint),
      field(t.question, question),
      field(t.answers, answers),
      field(t.blank, blank),
      ruleFields,
      field(t.serverTrustee, serverTrustee),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.submit)),
    ),
  );
}
