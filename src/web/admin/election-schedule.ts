/**
 * The dates card of the admin election page: time zone, opening and closing, as a form while the
 * election is a draft (times typed in the election's zone), as facts once it is open.
 */
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { facts } from '../kit/format.js';
import { instantToZoned, isTimeZone, zonedToInstant } from '../kit/time.js';
import { type CardContext, section } from './election-card.js';

export function scheduleCard(ctx: CardContext): HTMLElement {
  const t = ctx.shell.t.admin;
  const e = ctx.loaded.election;
  if (!ctx.draft)
    return section('schedule-heading', t.schedule.heading, facts([[t.home.timeZone, e.timeZone]]));
  const zone = h('input', { type: 'text', value: e.timeZone, maxlength: 64, autocomplete: 'off' });
  const opens = h('input', { type: 'datetime-local', value: instantToZoned(e.opensAt, e.timeZone) });
  const closes = h('input', { type: 'datetime-local', value: instantToZoned(e.closesAt, e.timeZone) });
  const form = h(
    'form',
    {
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          const timeZone = zone.value.trim();
          if (!isTimeZone(timeZone)) return ctx.shell.problem(t.home.badTimeZone);
          const at = (input: HTMLInputElement) =>
            input.value === '' ? null : (zonedToInstant(input.value, timeZone) ?? 'bad');
          const opensAt = at(opens);
          const closesAt = at(closes);
          if (opensAt === 'bad' || closesAt === 'bad') return ctx.shell.problem(t.schedule.badDate);
          await ctx.change('PUT', '/schedule', { opensAt, closesAt, timeZone }, () => t.saved);
        },
      },
    },
    field(t.home.timeZone, zone, t.home.timeZoneHint),
    field(t.schedule.opens, opens, t.schedule.hint),
    field(t.schedule.closes, closes),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.schedule.save)),
  );
  return section('schedule-heading', t.schedule.heading, form);
}
