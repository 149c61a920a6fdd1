/** Accounts, passwords, invitations and organisation members. */
import type { ErrorMessages } from './entry.js';

export const accountsErrors = {
  SCR_COMMON_PASSWORD: {
    kind: 'invalid',
    en: 'This password is one of the most common passwords, the first ones an attacker tries: choose another.',
    fr: "Ce mot de passe fait partie des plus courants, les premiers qu'un attaquant essaie : choisissez-en un autre.",
  },
  SCR_BAD_CURRENT_PASSWORD: {
    kind: 'forbidden',
    en: 'Your current password is not the one given; nothing was changed.',
    fr: "Votre mot de passe actuel n'est pas celui indiqué ; rien n'a été changé.",
  },
  SCR_LINK_INVALID: {
    kind: 'gone',
    en: 'This link is no longer valid (already used, replaced by a newer one, or expired). Ask for a new one.',
    fr: "Ce lien n'est plus valable (déjà utilisé, remplacé par un plus récent, ou expiré). Demandez-en un nouveau.",
  },
  SCR_INVITATION_NEEDS_MAIL: {
    kind: 'unavailable',
    en: 'Mail is not configured on this server, so no invitation can be sent: set SMTP_URL (see docs/deploy.md). For a first admin, `scrutin org create` on the server prints the invitation link instead. Nothing was created.',
    fr: "Le courrier n'est pas configuré sur ce serveur, aucune invitation ne peut donc être envoyée : définissez SMTP_URL (voir docs/deploy.md). Pour un premier administrateur, `scrutin org create` sur le serveur affiche le lien d'invitation. Rien n'a été créé.",
  },
  SCR_PERSON_EXISTS: {
    kind: 'conflict',
    en: 'A person with this email address already has an account; nothing was created.',
    fr: "Une personne avec cette adresse électronique a déjà un compte ; rien n'a été créé.",
  },
  SCR_NOT_INVITED: {
    kind: 'conflict',
    en: 'This person has already set their password: there is no invitation to send again.',
    fr: "Cette personne a déjà choisi son mot de passe : il n'y a pas d'invitation à renvoyer.",
  },
  SCR_PERSON_SELF: {
    kind: 'conflict',
    en: 'You cannot suspend or remove your own account; ask another administrator.',
    fr: 'Vous ne pouvez pas suspendre ni retirer votre propre compte ; demandez à un autre administrateur.',
  },
  SCR_ACCOUNT_SUSPENDED: {
    kind: 'forbidden',
    en: 'This account is suspended by an administrator of your organisation: ask them.',
    fr: 'Ce compte est suspendu par un administrateur de votre organisation : adressez-vous à lui.',
  },
  SCR_PERSON_SHARED: {
    kind: 'conflict',
    en: 'This person also belongs to another organisation: only the platform operator can suspend their account.',
    fr: "Cette personne appartient aussi à une autre organisation : seul l'opérateur de la plateforme peut suspendre son compte.",
  },
} as const satisfies Record<string, ErrorMessages>;
