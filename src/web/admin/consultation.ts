/**
 * One consultation's page (/admin/consultations/:id): its round and the links between rounds, the
 * roll of all boxes, the boxes with their actions, paper boxes, and the consolidated result with its
 * exports and procès-verbal. Each card is its own module; this one loads and lays them out, and
 * draws everything again after each action. Scrutineers get the same view read-only (their page).
 */
import { focusElement, h, replaceChildren } from '../booth/dom.js';
import { boxesCard } from './consultation-boxes.js';
import { paperCard } from './consultation-paper.js';
import { resultCard } from './consultation-result.js';
import { rollCard } from './consultation-roll.js';
import { type AdminConsultation, type BoxPlace, consultationApi, electionApi } from './consultation-types.js';
import { type DeliveryCounts, fetchDeliveryCounts } from './delivery.js';
import type { Shell } from './shell.js';

export interface LoadedConsultation {
  view: AdminConsultation;
  counts: Map<string, DeliveryCounts>;
}

/** The consultation and each box's delivery counts (those the account may read); `quiet`: no alert on failure. */
export async function loadConsultation(
  shell: Shell,
  id: string,
  options: { quiet?: boolean } = {},
): Promise<LoadedConsultation | undefined> {
  const answer = await shell.api.get<AdminConsultation>(`${consultationApi(id)}/admin`);
  if (!answer.ok) {
    if (!options.quiet) shell.fail(answer.failure);
    return undefined;
  }
  const view = answer.value;
  const counts = new Map<string, DeliveryCounts>();
  await Promise.all(
    view.boxes.map(async (box) => {
      if (!box.electionId) return;
      const found = await fetchDeliveryCounts(shell, box.electionId);
      if (found) counts.set(box.electionId, found);
    }),
  );
  return { view, counts };
}

const percentText = (shell: Shell, value: number | null) =>
  value === null ? '—' : `${shell.language === 'fr' ? String(value).replace('.', ',') : value} %`;

/** The round, its rule, and the links to the previous and next rounds. */
export function roundHeader(
  shell: Shell,
  view: AdminConsultation,
  hrefOf: (id: string) => string,
): HTMLElement {
  const t = shell.t.congressPages.header;
  const rule = view.rule;
  return h(
    'div',
    { class: 'round-header' },
    h('p', { class: 'round-badge', id: 'round' }, t.round(view.round)),
    view.description ? h('p', {}, view.description) : null,
    view.previousId
      ? h(
          'p',
          { id: 'previous-round' },
          h('a', { href: hrefOf(view.previousId) }, t.previousLink(view.round - 1)),
        )
      : null,
    view.nextId
      ? h(
          'p',
          { id: 'next-round', class: 'note' },
          t.next(view.round + 1),
          ' ',
          h('a', { href: hrefOf(view.nextId) }, t.nextLink(view.round + 1)),
        )
      : null,
    h(
      'p',
      { class: 'hint' },
      rule
        ? t.rule(
            rule.qualifying,
            percentText(shell, rule.majorityPercent),
            rule.minimumPercent === null ? null : percentText(shell, rule.minimumPercent),
            rule.blankVotes === 'counted',
          )
        : t.noRule,
    ),
    view.round > 1 ? h('p', { class: 'hint' }, t.trusteesNote) : null,
  );
}

export class ConsultationPage {
  constructor(
    private readonly shell: Shell,
    private readonly consultationId: string,
  ) {}

  async render(message?: string, problems: readonly string[] = []): Promise<void> {
    const shell = this.shell;
    const t = shell.t.congressPages;
    shell.frame(shell.t.admin.pageTitle);
    const back = h('p', {}, h('a', { href: '/admin' }, t.back));
    if (!message) replaceChildren(shell.screen, back, h('p', { role: 'status' }, t.loading));
    const loaded = await loadConsultation(shell, this.consultationId);
    if (!loaded) {
      if (!shell.account) return;
      replaceChildren(shell.screen, back, h('h1', {}, shell.t.admin.pageTitle));
      return;
    }
    const { view, counts } = loaded;
    shell.frame(view.name);
    const heading = h('h1', { tabindex: -1 }, view.name);
    const refresh = (text: string, lines?: readonly string[]) => this.render(text, lines);
    replaceChildren(
      shell.screen,
      back,
      heading,
      roundHeader(shell, view, (id) => `/admin/consultations/${encodeURIComponent(id)}`),
      rollCard(shell, view, refresh),
      boxesCard({ shell, view, counts, readOnly: false, refresh }),
      paperCard(shell, view, refresh),
      resultCard(shell, view.consolidation),
    );
    if (message) {
      if (problems.length > 0)
        shell.fail({ kind: 'http', status: 409, code: '', message, detail: { problems } });
      else shell.announce(message);
    }
    focusElement(heading);
  }
}

/** A box's place in its consultation, or undefined when the election is not a box. */
export async function boxPlace(shell: Shell, electionId: string): Promise<BoxPlace | undefined> {
  const answer = await shell.api.get<BoxPlace>(`${electionApi(electionId)}/consultation`);
  return answer.ok && answer.value.consultation !== null ? answer.value : undefined;
}

/** The line at the top of a box's admin page: which consultation, which round, and a link to it. */
export async function boxHeaderLine(shell: Shell, electionId: string): Promise<HTMLElement | null> {
  const place = await boxPlace(shell, electionId);
  if (!place) return null;
  const t = shell.t.congressPages.boxHeader;
  return h(
    'p',
    { class: 'note', id: 'box-consultation' },
    t.of(place.box.label, place.consultation.name, place.consultation.round),
    ' ',
    h('a', { href: `/admin/consultations/${encodeURIComponent(place.consultation.id)}` }, t.link),
  );
}
