/**
 * One consultation's page (/admin/consultations/:id): its round and the links between rounds, the
 * roll of all boxes, the boxes with their actions, paper boxes, and the consolidated result with its
 * exports and procès-verbal. Each card is its own module; this one loads and lays them out, and
 * draws everything again after each action. Scrutineers get the same view read-only (their page).
 */
import { boxesCard } from '../kit/consultation/boxes.js';
import { resultCard } from '../kit/consultation/result.js';
import { boxPlace, loadConsultation, roundHeader } from '../kit/consultation/view.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import type { Shell } from '../kit/staff-shell.js';
import { paperCard } from './consultation-paper.js';
import { rollCard } from './consultation-roll.js';
import { settingsCard } from './consultation-settings.js';

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
    const settings = await settingsCard(shell, view, refresh);
    replaceChildren(
      shell.screen,
      back,
      heading,
      roundHeader(shell, view, (id) => `/admin/consultations/${encodeURIComponent(id)}`),
      settings,
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
