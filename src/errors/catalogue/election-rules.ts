/** An election's own rules (issue 17): lists and seats, quorums, majorities, tie settlements. */
import type { ErrorMessages } from './entry.js';

export const electionRulesErrors = {
  SCR_INVALID_RULES: {
    kind: 'invalid',
    en: "The election's rules are invalid; nothing was changed.",
    fr: "Les règles de l'élection sont invalides ; rien n'a été modifié.",
  },
  SCR_LIST_PARITY: {
    kind: 'invalid',
    en: 'A list breaks the parity the election requires (see which list and which position); nothing was changed.',
    fr: "Une liste ne respecte pas la parité exigée par l'élection (voir quelle liste et quelle position) ; rien n'a été modifié.",
  },
  SCR_RULES_SEALED: {
    kind: 'conflict',
    en: 'The rules were sealed when the election opened: they can no longer change. Nothing was changed.',
    fr: "Les règles ont été scellées à l'ouverture de l'élection : elles ne peuvent plus changer. Rien n'a été modifié.",
  },
  SCR_NO_UNDECIDED_SEAT: {
    kind: 'conflict',
    en: 'No seat of this question is undecided, or the result is not published yet: there is nothing to settle. Nothing was changed.',
    fr: "Aucun siège de cette question n'est indécis, ou le résultat n'est pas encore publié : il n'y a rien à départager. Rien n'a été modifié.",
  },
  SCR_INVALID_SETTLEMENT: {
    kind: 'invalid',
    en: "This settlement does not settle the undecided seats (the statutes' step must name as many winners as seats, among the tied lists); nothing was changed.",
    fr: "Ce départage ne règle pas les sièges indécis (l'étape des statuts doit désigner autant de gagnants que de sièges, parmi les listes à égalité) ; rien n'a été modifié.",
  },
} as const satisfies Record<string, ErrorMessages>;
