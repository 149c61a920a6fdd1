/** The voter roll once voting has started: locked, sealed, changed voter by voter. */
import type { ErrorMessages } from './entry.js';

export const rollErrors = {
  // The roll changes only in the open once credentials exist (issue 15).
  SCR_ROLL_LOCKED: {
    kind: 'conflict',
    en: 'Credentials have been issued: the roll can no longer be replaced by an import. Use the per-voter actions (correct an address or a phone number, add a voter, remove a voter, change a weight); each is recorded and shown to scrutineers. Nothing was changed.',
    fr: "Les codes de vote ont été émis : la liste ne peut plus être remplacée par un import. Utilisez les actions par votant (corriger une adresse ou un numéro de téléphone, ajouter un votant, retirer un votant, changer un poids) ; chacune est enregistrée et montrée aux scrutateurs. Rien n'a été modifié.",
  },
  SCR_ROLL_SEALED: {
    kind: 'conflict',
    en: 'Voting is open: the roll is sealed in the election. A voter can no longer be added or removed and a weight can no longer change; only an address or a phone number can be corrected. Nothing was changed.',
    fr: "Le vote est ouvert : la liste est scellée dans l'élection. On ne peut plus ajouter ni retirer de votant, ni changer un poids ; seuls une adresse ou un numéro de téléphone peuvent être corrigés. Rien n'a été modifié.",
  },
  SCR_ROLL_NO_RECOVERY: {
    kind: 'conflict',
    en: 'This election has no credential recovery (none was chosen, or the credential authority is external): once voting is open, the credential cannot be sent again, so the address cannot be corrected here. Nothing was changed.',
    fr: "Cette élection n'a pas de récupération des codes de vote (aucune n'a été choisie, ou l'autorité de codes est externe) : une fois le vote ouvert, le code ne peut plus être renvoyé, donc l'adresse ne peut pas être corrigée ici. Rien n'a été modifié.",
  },
  SCR_ROLL_INVALID_VOTER: {
    kind: 'invalid',
    en: 'This voter entry is invalid; nothing was changed.',
    fr: "Cette entrée de votant est invalide ; rien n'a été modifié.",
  },
  SCR_MASS_PASSWORDS_REFUSED: {
    kind: 'conflict',
    en: 'Voting is open: passwords are not replaced for every voter at once. A new password goes only to a voter who asks for it (on the voting page, or through the help desk for one named voter).',
    fr: "Le vote est ouvert : les mots de passe ne sont pas remplacés pour tous les votants à la fois. Un nouveau mot de passe ne part qu'au votant qui le demande (sur la page de vote, ou par l'assistance pour un votant nommé).",
  },
} as const satisfies Record<string, ErrorMessages>;
