/**
 * The trustees card of the admin election page: the current trustees, the progress of a threshold
 * group's key establishment and, while a draft, the three ways to choose them (threshold group of
 * members, one external key, or the server itself), each confirmed before it is sent.
 */

import { confirmAction } from '../kit/confirm.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { type CardContext, section } from './election-card.js';

export function trusteesCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin.trustees;
  const cancel = ctx.shell.t.admin.cancel;
  const { trustees, threshold, people } = ctx.loaded;
  const current =
    trustees.length === 0
      ? h('p', {}, t.none)
      : h(
          'ul',
          { class: 'trustees' },
          ...trustees.map((tr) =>
            h(
              'li',
              {},
              h('strong', {}, tr.displayName),
              ` — ${t.kinds[tr.kind] ?? tr.kind}`,
              tr.fingerprint
                ? h('span', { class: 'hint' }, ` (${t.fingerprint}: `, h('code', {}, tr.fingerprint), ')')
                : null,
            ),
          ),
        );
  const progress = threshold
    ? h(
        'div',
        {},
        h('h3', {}, t.progress),
        h('p', {}, t.step(t.steps[threshold.step] ?? threshold.step)),
        // A re-run or next-round box gets the group (members, threshold) but never the keys.
        threshold.step !== 'done' &&
          h('p', { class: 'hint', id: 'threshold-new-keys' }, ctx.shell.t.congressDefects.admin.newKeys),
        h(
          'ul',
          {},
          ...threshold.trustees.map((s) =>
            h(
              'li',
              {},
              t.slot(s.slot, s.displayName),
              ' — ',
              [
                `${t.certificate}: ${s.certificate ? t.done : t.waiting}`,
                `${t.polynomial}: ${s.polynomial ? t.done : t.waiting}`,
                `${t.voutput}: ${s.voutput ? t.done : t.waiting}`,
              ].join(', '),
            ),
          ),
        ),
      )
    : null;
  if (!ctx.draft) return section('trustees-heading', t.heading, current, progress);

  const server = h(
    'div',
    { class: 'option weakest' },
    h('h4', {}, t.server),
    h('p', {}, t.serverExplain),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        on: {
          click: async () => {
            if (
              await confirmAction({
                title: t.serverConfirm,
                effects: t.serverEffects,
                confirmLabel: t.serverSubmit,
                cancelLabel: cancel,
              })
            )
              await ctx.change('POST', '/trustees/server', undefined, () => ctx.shell.t.admin.saved);
          },
        },
      },
      t.serverSubmit,
    ),
  );

  const singleName = h('input', { type: 'text', maxlength: 200 });
  const singleKey = h('textarea', { rows: 4, spellcheck: false, class: 'mono' });
  const single = h(
    'form',
    {
      class: 'option',
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const displayName = singleName.value.trim();
          const publicKey = singleKey.value.trim();
          if (displayName === '' || publicKey === '') return ctx.shell.problem(t.singleMissing);
          if (
            await confirmAction({
              title: t.singleConfirm,
              effects: t.singleEffects(displayName),
              confirmLabel: t.singleSubmit,
              cancelLabel: cancel,
            })
          )
            await ctx.change(
              'POST',
              '/trustees/single',
              { displayName, publicKey },
              () => ctx.shell.t.admin.saved,
            );
        },
      },
    },
    h('h4', {}, t.single),
    h('p', {}, t.singleExplain),
    field(t.singleName, singleName),
    field(t.singleKey, singleKey),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.singleSubmit)),
  );

  const boxes = people.map((p) => ({ person: p, box: h('input', { type: 'checkbox', value: p.id }) }));
  const k = h('input', { type: 'number', min: 1, value: 2, inputmode: 'numeric' });
  const pedersen = h(
    'form',
    {
      class: 'option',
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const chosen = boxes.filter((b) => b.box.checked).map((b) => b.person);
          const needed = Number(k.value);
          if (chosen.length < 2 || !Number.isInteger(needed) || needed < 1 || needed > chosen.length)
            return ctx.shell.problem(t.thresholdInvalid);
          const n = chosen.length;
          if (
            await confirmAction({
              title: t.thresholdConfirm(needed, n),
              effects: t.thresholdEffects(needed, n),
              confirmLabel: t.thresholdSubmit,
              cancelLabel: cancel,
            })
          )
            await ctx.change(
              'POST',
              '/trustees/threshold',
              {
                threshold: needed,
                trustees: chosen.map((p) => ({ displayName: p.displayName, accountId: p.id })),
              },
              () => ctx.shell.t.admin.saved,
            );
        },
      },
    },
    h('h4', {}, t.threshold),
    h('p', {}, t.thresholdExplain),
    people.length === 0
      ? h('p', { class: 'note' }, t.noPeople)
      : h(
          'fieldset',
          { class: 'plain' },
          h('legend', {}, t.thresholdPeople),
          ...boxes.map((b) => field(`${b.person.displayName} (${b.person.email})`, b.box)),
        ),
    field(t.thresholdK, k),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t.thresholdSubmit)),
  );
  return section(
    'trustees-heading',
    t.heading,
    h('h3', {}, t.current),
    current,
    progress,
    threshold ? null : h('div', {}, h('h3', {}, t.choose), pedersen, single, server),
  );
}
