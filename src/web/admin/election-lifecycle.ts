/**
 * The lifecycle card of the admin election page: the actions the election's state allows (open,
 * close, extend, tally, publish, annul), each confirmed with what it will do before it is sent; while
 * the trustees shuffle (ranking or grading questions), their turns and the skip of an absent one.
 */
import { meaningfulReason } from '../../core/reason.js';
import { confirmAction } from '../kit/confirm.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { isRecord } from '../kit/http.js';
import { instantToZoned, zonedToInstant } from '../kit/time.js';
import { type CardContext, section } from './election-card.js';

export function lifecycleCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  const a = t.actions;
  const e = ctx.loaded.election;
  const buttons: HTMLElement[] = [];
  const simple = (label: string, path: string, effects: readonly string[], danger = false) =>
    h(
      'button',
      {
        type: 'button',
        class: danger ? 'danger' : 'primary',
        on: {
          click: async () => {
            if (
              await confirmAction({
                title: a.confirm(label),
                effects,
                confirmLabel: label,
                cancelLabel: t.cancel,
                danger,
              })
            )
              await ctx.change('POST', `/${path}`, undefined, (answer) =>
                a.done(
                  isRecord(answer) && typeof answer.state === 'string'
                    ? ((t.states as Record<string, string>)[answer.state] ?? answer.state)
                    : '',
                ),
              );
          },
        },
      },
      label,
    );
  if (e.state === 'draft') buttons.push(simple(a.open, 'open', a.openEffects));
  if (e.state === 'open') {
    buttons.push(simple(a.close, 'close', a.closeEffects));
    buttons.push(extendButton(ctx));
  }
  if (e.state === 'closed') buttons.push(simple(a.tally, 'tally', a.tallyEffects));
  const shuffling =
    e.state === 'tallied' && ctx.loaded.shuffles?.needed === true && !ctx.loaded.shuffles.ended;
  if (e.state === 'tallied' && !shuffling) buttons.push(simple(a.publish, 'publish', a.publishEffects));
  if (e.state !== 'published' && e.state !== 'annulled') buttons.push(annulButton(ctx));
  return section(
    'actions-heading',
    a.heading,
    shuffling && shufflesPhase(ctx),
    buttons.length === 0 ? h('p', {}, a.none) : h('div', { class: 'actions' }, ...buttons),
  );
}

/** The trustees' turns in the shuffle phase, and the skip of the one whose turn it is. */
function shufflesPhase(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  const s = t.actions.shuffles;
  const phase = ctx.loaded.shuffles!;
  const next = phase.next;
  return h(
    'div',
    { class: 'shuffles' },
    h('h3', { id: 'shuffles-heading' }, s.heading),
    h('p', {}, s.intro),
    h(
      'ul',
      { id: 'shuffle-status', 'aria-labelledby': 'shuffles-heading' },
      ...phase.shufflers.map((trustee) => h('li', {}, s.trustee(trustee.owner, s.status[trustee.status]))),
    ),
    next !== null &&
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: 'shuffle-skip',
            on: {
              click: async () => {
                if (
                  await confirmAction({
                    title: t.actions.confirm(s.skip(next)),
                    effects: s.skipEffects,
                    confirmLabel: s.skip(next),
                    cancelLabel: t.cancel,
                  })
                )
                  await ctx.change('POST', '/shuffles/skip', { owner: next }, () => t.saved);
              },
            },
          },
          s.skip(next),
        ),
      ),
  );
}

function extendButton(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  const e = ctx.loaded.election;
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      on: {
        click: async () => {
          const input = h('input', {
            id: 'extend-closing',
            type: 'datetime-local',
            value: instantToZoned(e.closesAt, e.timeZone),
          });
          let closesAt: string | undefined;
          const ok = await confirmAction({
            title: t.actions.confirm(t.actions.extend),
            effects: t.actions.extendEffects,
            confirmLabel: t.actions.extend,
            cancelLabel: t.cancel,
            fields: [field(`${t.actions.newClosing} (${e.timeZone})`, input)],
            validate: () => {
              closesAt = zonedToInstant(input.value, e.timeZone);
              return closesAt === undefined ? t.schedule.badDate : undefined;
            },
          });
          if (ok && closesAt) await ctx.change('POST', '/extend', { closesAt }, () => t.saved);
        },
      },
    },
    t.actions.extend,
  );
}

function annulButton(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  return h(
    'button',
    {
      type: 'button',
      class: 'danger',
      on: {
        click: async () => {
          const reason = h('textarea', { id: 'annul-reason', rows: 3, maxlength: 2000 });
          const ok = await confirmAction({
            title: t.actions.confirm(t.actions.annul),
            effects: t.actions.annulEffects,
            confirmLabel: t.actions.annul,
            cancelLabel: t.cancel,
            danger: true,
            fields: [field(t.actions.reason, reason)],
            validate: () =>
              meaningfulReason(reason.value) === undefined ? t.actions.reasonMissing : undefined,
          });
          if (ok)
            await ctx.change('POST', '/annul', { reason: reason.value.trim() }, () =>
              t.actions.done(t.states.annulled),
            );
        },
      },
    },
    t.actions.annul,
  );
}
