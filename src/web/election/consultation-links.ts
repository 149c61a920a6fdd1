/**
 * On the public page of a ballot box that belongs to a consultation: which consultation and round
 * it is part of, and, for an annulled box, a link to the re-run that replaces it (or the paper box
 * that does); a re-run says which annulled box it replaces, with a link. Read from the public
 * GET /api/v1/elections/:id/consultation; an election outside any consultation shows nothing.
 */
import { type Language, messagesFor } from '../../i18n/index.js';
import type { BoxPlace } from '../kit/consultation/types.js';
import { h } from '../kit/dom.js';

export class ConsultationLinks {
  private place: BoxPlace | undefined;

  /** `base`: the election's API path, /api/v1/elections/:id. */
  constructor(private readonly base: string) {}

  /** True when the election is a box (then the page draws again with the links). */
  async load(): Promise<boolean> {
    try {
      const response = await fetch(`${this.base}/consultation`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok) return false;
      const value = (await response.json()) as BoxPlace;
      if (typeof value?.consultation?.name !== 'string' || typeof value.box?.label !== 'string') return false;
      this.place = value;
      return true;
    } catch {
      return false;
    }
  }

  view(language: Language): HTMLElement | null {
    const place = this.place;
    if (!place) return null;
    const t = messagesFor(language).congressPages.publicLinks;
    const page = (electionId: string) => `/elections/${encodeURIComponent(electionId)}`;
    const { replacedBy, replaces } = place;
    return h(
      'div',
      { class: 'notice', id: 'consultation-links' },
      h(
        'p',
        {},
        t.of(place.box.label, place.consultation.name, place.consultation.round),
        ' ',
        // The consultation's own public page: its consolidated result and procès-verbal (issue 16).
        h(
          'a',
          {
            href: `/consultations/${encodeURIComponent(place.consultation.id)}`,
            id: 'consultation-page-link',
          },
          messagesFor(language).congressPages.publicPage.consultationLink,
        ),
      ),
      replacedBy?.electionId
        ? h(
            'p',
            { id: 'rerun-link' },
            t.annulledRerun,
            ' ',
            h('a', { href: page(replacedBy.electionId) }, t.rerunLink(replacedBy.label)),
          )
        : replacedBy
          ? h('p', { id: 'rerun-link' }, t.annulledPaper(replacedBy.label))
          : null,
      replaces?.electionId
        ? h(
            'p',
            { id: 'replaces-link' },
            t.replaces,
            ' ',
            h('a', { href: page(replaces.electionId) }, t.replacesLink(replaces.label)),
          )
        : null,
    );
  }
}
