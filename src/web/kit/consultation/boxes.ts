/**
 * The boxes of a consultation as a table — federation, channel, state, voters, turnout, credentials
 * sent, verification status — with the actions on all boxes at once or on one (credentials, open,
 * close, tally, publish), the annulment of a box with its reason and the online re-run of an
 * annulled box. Every action first says in a dialog what it will do and to which boxes.
 */
import { meaningfulReason } from '../../../core/reason.js';
import { confirmAction } from '../confirm.js';
import type { DeliveryCounts } from '../delivery-counts.js';
import { h } from '../dom.js';
import { field } from '../field.js';
import { type Failure, isRecord } from '../http.js';
import type { Shell } from '../staff-shell.js';
import type { AdminBox, AdminConsultation, BoxReport } from './types.js';
import { consultationApi, electionApi } from './types.js';

export type Step = 'credentials' | 'open' | 'close' | 'tally' | 'publish';
const FROM: Record<Step, string> = {
  credentials: 'draft',
  open: 'draft',
  close: 'open',
  tally: 'closed',
  publish: 'tallied',
};

export interface BoxesContext {
  readonly shell: Shell;
  readonly view: AdminConsultation;
  readonly counts: ReadonlyMap<string, DeliveryCounts>;
  /** Read-only (scrutineers): no action is offered. */
  readonly readOnly: boolean;
  /** Loads and draws the page again, then announces `message` (and the problems, if any). */
  readonly refresh: (message: string, problems?: readonly string[]) => Promise<void>;
}

const live = (box: AdminBox) => box.channel === 'online' && box.annulment === null && box.electionId !== null;

/** Credentials are due when the box is a draft with voters and none was sent or queued yet. */
function needsCredentials(box: AdminBox, counts: DeliveryCounts | undefined): boolean {
  if (!live(box) || box.state !== 'draft' || !counts || counts.voters === 0) return false;
  return counts.credential.none === counts.voters;
}

function canTake(ctx: BoxesContext, box: AdminBox, step: Step): boolean {
  if (!live(box) || box.state !== FROM[step]) return false;
  if (step === 'credentials') return needsCredentials(box, ctx.counts.get(box.electionId!));
  return true;
}

function failureText(ctx: BoxesContext, failure: Failure): string {
  if (failure.kind !== 'http') return ctx.shell.t.booth.network;
  const problem =
    isRecord(failure.detail) && typeof failure.detail.problem === 'string'
      ? ` (${failure.detail.problem})`
      : '';
  return `${failure.message}${problem}`;
}

async function runStep(
  ctx: BoxesContext,
  step: Step,
  boxes: readonly AdminBox[],
  all: boolean,
): Promise<void> {
  const t = ctx.shell.t.congressPages.boxes;
  const label = all ? t.allStep[step]! : t.oneStep(t.step[step]!, boxes[0]!.label);
  const ok = await confirmAction({
    title: t.confirm(label),
    effects: [...(t.effects[step] ?? []), t.which(boxes.map((b) => b.label).join(', '))],
    confirmLabel: all ? t.allStep[step]! : t.step[step]!,
    cancelLabel: ctx.shell.t.admin.cancel,
    danger: step === 'close',
  });
  if (!ok) return;
  ctx.shell.announce(ctx.shell.t.admin.loading);
  const problems: string[] = [];
  let moved = 0;
  if (step === 'credentials' || !all) {
    for (const box of boxes) {
      const path = step === 'credentials' ? 'delivery/credentials' : step;
      const answer = await ctx.shell.api.send('POST', `${electionApi(box.electionId!)}/${path}`);
      if (answer.ok) moved++;
      else problems.push(t.refused(box.label, failureText(ctx, answer.failure)));
    }
  } else {
    const answer = await ctx.shell.api.send<{
      moved: string[];
      refused: { label: string; code: string; detail: unknown }[];
    }>('POST', `${consultationApi(ctx.view.id)}/advance`, { step });
    if (!answer.ok) {
      const refused =
        answer.failure.kind === 'http' &&
        isRecord(answer.failure.detail) &&
        Array.isArray(answer.failure.detail.refused)
          ? (answer.failure.detail.refused as { label: string; code: string; detail: unknown }[])
          : [];
      if (refused.length === 0) return ctx.shell.fail(answer.failure);
      for (const r of refused) problems.push(t.refused(r.label, refusalReason(ctx, r.detail, r.code)));
    } else {
      moved = answer.value.moved.length;
      for (const r of answer.value.refused)
        problems.push(t.refused(r.label, refusalReason(ctx, r.detail, r.code)));
    }
  }
  await ctx.refresh(all || moved === 0 ? t.moved(moved) : t.done(t.step[step]!, boxes[0]!.label), problems);
}

/** A refused box's reason in the page's language when the code is known, with the server's detail. */
function refusalReason(ctx: BoxesContext, detail: unknown, code: string): string {
  const known = ctx.shell.t.congressPages.boxes.refusal[code];
  const problem = isRecord(detail) && typeof detail.problem === 'string' ? detail.problem : undefined;
  if (known) return problem ? `${known} (${problem})` : known;
  return problem ?? code;
}

async function annul(ctx: BoxesContext, box: AdminBox): Promise<void> {
  const t = ctx.shell.t.congressPages.boxes;
  const reason = h('textarea', { id: `annul-reason-${box.id}`, rows: 3, maxlength: 2000 });
  const ok = await confirmAction({
    title: t.annulTitle(box.label),
    effects: t.annulEffects,
    confirmLabel: t.annul,
    cancelLabel: ctx.shell.t.admin.cancel,
    danger: true,
    fields: [field(t.reason, reason)],
    validate: () => (meaningfulReason(reason.value) === undefined ? t.reasonMissing : undefined),
  });
  if (!ok) return;
  const answer = await ctx.shell.api.send(
    'POST',
    `${consultationApi(ctx.view.id)}/boxes/${encodeURIComponent(box.id)}/annul`,
    { reason: reason.value.trim() },
  );
  if (!answer.ok) return ctx.shell.fail(answer.failure);
  await ctx.refresh(t.annulled(box.label));
}

async function rerun(ctx: BoxesContext, box: AdminBox): Promise<void> {
  const t = ctx.shell.t.congressPages.boxes;
  const ok = await confirmAction({
    title: t.rerunTitle(box.label),
    effects: t.rerunEffects,
    confirmLabel: t.rerun,
    cancelLabel: ctx.shell.t.admin.cancel,
  });
  if (!ok) return;
  const answer = await ctx.shell.api.send(
    'POST',
    `${consultationApi(ctx.view.id)}/boxes/${encodeURIComponent(box.id)}/rerun`,
  );
  if (!answer.ok) return ctx.shell.fail(answer.failure);
  await ctx.refresh(t.rerunDone(box.label));
}

function boxActions(ctx: BoxesContext, box: AdminBox, replaced: boolean): HTMLElement | string {
  const t = ctx.shell.t.congressPages.boxes;
  const buttons: HTMLElement[] = [];
  for (const step of ['credentials', 'open', 'close', 'tally', 'publish'] as const) {
    // A draft box first gets its credentials, then can be opened.
    if (step === 'open' && canTake(ctx, box, 'credentials')) continue;
    if (!canTake(ctx, box, step)) continue;
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t.oneStep(t.step[step]!, box.label),
          on: { click: () => void runStep(ctx, step, [box], false) },
        },
        t.step[step]!,
      ),
    );
  }
  if (box.annulment === null)
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          'aria-label': t.oneStep(t.annul, box.label),
          on: { click: () => void annul(ctx, box) },
        },
        t.annul,
      ),
    );
  else if (!replaced)
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t.oneStep(t.rerun, box.label),
          on: { click: () => void rerun(ctx, box) },
        },
        t.rerun,
      ),
    );
  return buttons.length === 0 ? t.noAction : h('div', { class: 'actions compact' }, ...buttons);
}

function verification(ctx: BoxesContext, report: BoxReport | undefined, box: AdminBox): HTMLElement {
  const t = ctx.shell.t.congressPages.boxes;
  const status = report?.status ?? (box.annulment ? 'annulled' : 'pending');
  return h(
    'div',
    {},
    h('span', { class: `box-status box-${status}` }, t.status[status] ?? status),
    box.annulment ? h('p', { class: 'warning small' }, t.annulledBecause(box.annulment.reason)) : null,
    box.channel === 'paper'
      ? h('p', { class: 'small' }, ctx.shell.t.congressPages.paper.notVerifiable)
      : null,
  );
}

export function boxesCard(ctx: BoxesContext): HTMLElement {
  const t = ctx.shell.t.congressPages.boxes;
  const { view } = ctx;
  const reports = new Map(view.consolidation.boxes.map((b) => [b.id, b]));
  const labels = new Map(view.boxes.map((b) => [b.id, b.label]));
  const replacedIds = new Set(view.boxes.map((b) => b.replaces).filter((id): id is string => id !== null));
  const states = ctx.shell.t.admin.states as Record<string, string>;
  const rows = view.boxes.map((box) => {
    const counts = box.electionId ? ctx.counts.get(box.electionId) : undefined;
    const name = box.electionId
      ? h(
          'a',
          {
            // A scrutineer follows a box to its scrutineer console, an admin to its admin page.
            href: `/${ctx.readOnly ? 'scrutineer' : 'admin/elections'}/${encodeURIComponent(box.electionId)}`,
          },
          box.label,
        )
      : box.label;
    return h(
      'tr',
      { 'data-box': box.label },
      h(
        'th',
        { scope: 'row' },
        name,
        box.replaces ? h('p', { class: 'small' }, t.replaces(labels.get(box.replaces) ?? '')) : null,
        replacedIds.has(box.id) ? h('p', { class: 'small' }, t.replacedBy) : null,
      ),
      h('td', {}, box.channel === 'online' ? t.online : t.paper),
      h('td', { class: 'box-state' }, box.channel === 'paper' ? t.entered : (states[box.state] ?? box.state)),
      h('td', {}, counts ? String(counts.voters) : '—'),
      h('td', {}, counts ? t.turnoutValue(counts.voted, counts.voters) : '—'),
      h(
        'td',
        {},
        counts ? t.deliveryValue(counts.credential.sent, counts.credential.failed, counts.voters) : '—',
      ),
      h('td', {}, verification(ctx, reports.get(box.id), box)),
      ctx.readOnly ? null : h('td', {}, boxActions(ctx, box, replacedIds.has(box.id))),
    );
  });
  const table = h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.table },
    h(
      'table',
      { id: 'box-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.federation),
          h('th', { scope: 'col' }, t.channel),
          h('th', { scope: 'col' }, t.state),
          h('th', { scope: 'col' }, t.voters),
          h('th', { scope: 'col' }, t.turnout),
          h('th', { scope: 'col' }, t.delivery),
          h('th', { scope: 'col' }, t.verification),
          ctx.readOnly ? null : h('th', { scope: 'col' }, t.actions),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
  const all = ctx.readOnly
    ? null
    : h(
        'div',
        {},
        h('h3', {}, t.all),
        h('p', { class: 'hint' }, t.allHint),
        h(
          'div',
          { class: 'actions' },
          ...(['credentials', 'open', 'close', 'tally', 'publish'] as const).map((step) => {
            const concerned = view.boxes.filter((b) => canTake(ctx, b, step));
            return h(
              'button',
              {
                type: 'button',
                class: 'primary',
                disabled: concerned.length === 0,
                on: { click: () => void runStep(ctx, step, concerned, true) },
              },
              t.allStep[step]!,
            );
          }),
        ),
      );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'boxes-heading' },
    h('h2', { id: 'boxes-heading' }, t.heading),
    h('p', { class: 'hint scroll-hint', id: 'box-scroll-hint' }, t.scrollHint),
    table,
    all,
  );
}
