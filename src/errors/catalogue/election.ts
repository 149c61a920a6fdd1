/** Elections: set-up, questions, trustees, ballots, shuffles and partial decryptions. */
import type { ErrorMessages } from './entry.js';

export const electionErrors = {
  SCR_WRONG_STATE: {
    kind: 'conflict',
    en: 'The election is not in a state that allows this.',
    fr: "L'élection n'est pas dans un état qui permet cela.",
  },
  SCR_CONFLICT: {
    kind: 'conflict',
    en: 'Someone else changed this at the same time; try again.',
    fr: "Quelqu'un d'autre a modifié cela en même temps ; réessayez.",
  },
  SCR_INVALID_VOTERS: {
    kind: 'invalid',
    en: 'The voter list has errors; nothing was imported.',
    fr: "La liste des votants contient des erreurs ; rien n'a été importé.",
  },
  SCR_INVALID_QUESTIONS: {
    kind: 'invalid',
    en: 'The questions are invalid.',
    fr: 'Les questions sont invalides.',
  },
  SCR_NON_HOMOMORPHIC_UNAVAILABLE: {
    kind: 'invalid',
    en: "Questions answered by a ranking or by grades (non-homomorphic questions) are not available yet: their ballots must be shuffled before they are decrypted, or each voter's answers could be linked to them, and Scrutin cannot shuffle them yet. Use questions counted by addition (choice of answers). Nothing was changed.",
    fr: "Les questions à réponse par classement ou par notes (questions non homomorphes) ne sont pas encore disponibles : leurs bulletins doivent être mélangés avant d'être déchiffrés, sinon les réponses de chaque votant pourraient lui être rattachées, et Scrutin ne sait pas encore les mélanger. Utilisez des questions comptées par addition (choix de réponses). Rien n'a été modifié.",
  },
  SCR_INVALID_SETUP: {
    kind: 'invalid',
    en: 'The election is not ready to open.',
    fr: "L'élection n'est pas prête à être ouverte.",
  },
  SCR_INVALID_TRUSTEE_DATA: {
    kind: 'invalid',
    en: 'The trustee data is invalid.',
    fr: 'Les données du garant sont invalides.',
  },
  SCR_BALLOT_MALFORMED: {
    kind: 'malformed',
    en: 'The ballot is malformed.',
    fr: 'Le bulletin est mal formé.',
  },
  SCR_BALLOT_INVALID: {
    kind: 'invalid',
    en: 'The ballot is invalid (its proofs do not verify).',
    fr: 'Le bulletin est invalide (ses preuves ne sont pas vérifiées).',
  },
  SCR_BALLOT_WRONG_CREDENTIAL: {
    kind: 'forbidden',
    en: 'This ballot is not signed with your voting credential.',
    fr: "Ce bulletin n'est pas signé avec votre code de vote.",
  },
  SCR_BALLOT_DUPLICATE: {
    kind: 'conflict',
    en: 'This exact ballot was already cast.',
    fr: 'Ce bulletin a déjà été déposé.',
  },
  SCR_VOTING_CLOSED: { kind: 'conflict', en: 'Voting is not open.', fr: "Le vote n'est pas ouvert." },
  SCR_INVALID_PARTIAL_DECRYPTION: {
    kind: 'invalid',
    en: 'The partial decryption is invalid.',
    fr: 'Le déchiffrement partiel est invalide.',
  },
  SCR_INVALID_SHUFFLE: {
    kind: 'invalid',
    en: 'The shuffle is invalid (the board’s verifier refused it; the detail names the check). Nothing was changed.',
    fr: "Le mélange est invalide (le vérificateur du tableau l'a refusé ; le détail nomme la vérification). Rien n'a été modifié.",
  },
  SCR_SHUFFLE_OUT_OF_TURN: {
    kind: 'conflict',
    en: 'It is not this trustee’s turn to shuffle: the trustees shuffle one after the other, in order. Nothing was changed.',
    fr: "Ce n'est pas au tour de ce garant de mélanger : les garants mélangent l'un après l'autre, dans l'ordre. Rien n'a été modifié.",
  },
  SCR_SHUFFLES_PENDING: {
    kind: 'conflict',
    en: 'The ballots must be shuffled by the trustees before anything is decrypted. Nothing was changed.',
    fr: "Les bulletins doivent être mélangés par les garants avant tout déchiffrement. Rien n'a été modifié.",
  },
} as const satisfies Record<string, ErrorMessages>;
