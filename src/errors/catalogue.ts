/**
 * The catalogue of errors a user can cause, each with a stable code and a message in French and
 * English. The domain (election, delivery, recovery, congress) throws `DomainError`s (or returns
 * them from Result values); the HTTP edge (src/server/errors.ts) gives each code its status and
 * renders it in the client's language. Messages never contain request data that could be a secret.
 */

export interface ErrorMessages {
  readonly en: string;
  readonly fr: string;
}

export const ERROR_MESSAGES = {
  SCR_BAD_REQUEST: { en: 'The request is malformed.', fr: 'La requête est mal formée.' },
  SCR_UNAUTHENTICATED: { en: 'Please sign in.', fr: 'Veuillez vous identifier.' },
  SCR_BAD_CREDENTIALS: { en: 'Wrong login or password.', fr: 'Identifiant ou mot de passe incorrect.' },
  SCR_CSRF: {
    en: 'The form has expired; reload the page.',
    fr: 'Le formulaire a expiré ; rechargez la page.',
  },
  SCR_FORBIDDEN: { en: 'You are not allowed to do this.', fr: "Vous n'êtes pas autorisé à faire cela." },
  SCR_NOT_FOUND: { en: 'Not found.', fr: 'Introuvable.' },
  SCR_WEAK_PASSWORD: {
    en: 'The password must have between 10 and 1024 characters.',
    fr: 'Le mot de passe doit compter entre 10 et 1024 caractères.',
  },
  SCR_RATE_LIMITED: {
    en: 'Too many attempts; try again later.',
    fr: 'Trop de tentatives ; réessayez plus tard.',
  },
  SCR_PAYLOAD_TOO_LARGE: { en: 'The request is too large.', fr: 'La requête est trop volumineuse.' },
  SCR_WRONG_STATE: {
    en: 'The election is not in a state that allows this.',
    fr: "L'élection n'est pas dans un état qui permet cela.",
  },
  SCR_CONFLICT: {
    en: 'Someone else changed this at the same time; try again.',
    fr: "Quelqu'un d'autre a modifié cela en même temps ; réessayez.",
  },
  SCR_INVALID_VOTERS: {
    en: 'The voter list has errors; nothing was imported.',
    fr: "La liste des votants contient des erreurs ; rien n'a été importé.",
  },
  SCR_INVALID_QUESTIONS: { en: 'The questions are invalid.', fr: 'Les questions sont invalides.' },
  SCR_NON_HOMOMORPHIC_UNAVAILABLE: {
    en: "Questions answered by a ranking or by grades (non-homomorphic questions) are not available yet: their ballots must be shuffled before they are decrypted, or each voter's answers could be linked to them, and Scrutin cannot shuffle them yet. Use questions counted by addition (choice of answers). Nothing was changed.",
    fr: "Les questions à réponse par classement ou par notes (questions non homomorphes) ne sont pas encore disponibles : leurs bulletins doivent être mélangés avant d'être déchiffrés, sinon les réponses de chaque votant pourraient lui être rattachées, et Scrutin ne sait pas encore les mélanger. Utilisez des questions comptées par addition (choix de réponses). Rien n'a été modifié.",
  },
  SCR_INVALID_SETUP: {
    en: 'The election is not ready to open.',
    fr: "L'élection n'est pas prête à être ouverte.",
  },
  SCR_INVALID_TRUSTEE_DATA: {
    en: 'The trustee data is invalid.',
    fr: 'Les données du garant sont invalides.',
  },
  SCR_BALLOT_MALFORMED: { en: 'The ballot is malformed.', fr: 'Le bulletin est mal formé.' },
  SCR_BALLOT_INVALID: {
    en: 'The ballot is invalid (its proofs do not verify).',
    fr: 'Le bulletin est invalide (ses preuves ne sont pas vérifiées).',
  },
  SCR_BALLOT_WRONG_CREDENTIAL: {
    en: 'This ballot is not signed with your voting credential.',
    fr: "Ce bulletin n'est pas signé avec votre code de vote.",
  },
  SCR_BALLOT_DUPLICATE: { en: 'This exact ballot was already cast.', fr: 'Ce bulletin a déjà été déposé.' },
  SCR_VOTING_CLOSED: { en: 'Voting is not open.', fr: "Le vote n'est pas ouvert." },
  SCR_INVALID_PARTIAL_DECRYPTION: {
    en: 'The partial decryption is invalid.',
    fr: 'Le déchiffrement partiel est invalide.',
  },
  SCR_DELIVERY_MODE: {
    en: 'This does not apply to how voters of this election sign in (password or one-time code).',
    fr: "Cela ne s'applique pas au mode d'identification des votants de cette élection (mot de passe ou code à usage unique).",
  },
  SCR_BAD_CODE: {
    en: 'Wrong, expired or used-up code; ask for a new one.',
    fr: 'Code erroné, expiré ou épuisé ; demandez-en un nouveau.',
  },
  SCR_ACCESS_CHECK_FAILED: {
    en: 'This is not the voting credential registered for you: check it character by character, or contact the help desk.',
    fr: "Ce n'est pas le code de vote enregistré pour vous : vérifiez-le caractère par caractère, ou contactez l'assistance.",
  },
  SCR_NO_CREDENTIAL_YET: {
    en: 'No voting credential is registered for you yet.',
    fr: "Aucun code de vote n'est encore enregistré pour vous.",
  },
  SCR_RESEND_CHANGED: {
    en: 'The number of voters concerned changed since the preview; preview again.',
    fr: "Le nombre de votants concernés a changé depuis l'aperçu ; refaites l'aperçu.",
  },
  // errors: delivery (keep this marker line)
  SCR_RECOVERY_NOT_AVAILABLE: {
    en: 'Credential recovery is not available for this election.',
    fr: "La récupération des codes de vote n'est pas disponible pour cette élection.",
  },
  SCR_RECOVERY_CHOICE_NEEDED: {
    en: 'Before generating the credentials, the recovery officer must send their public key, or choose "no recovery".',
    fr: 'Avant de générer les codes de vote, le responsable de la récupération doit envoyer sa clé publique, ou choisissez « pas de récupération ».',
  },
  SCR_RECOVERY_TOO_LATE: {
    en: 'Choose the recovery option before the credentials are generated.',
    fr: 'Choisissez le mode de récupération avant la génération des codes de vote.',
  },
  SCR_RECOVERY_INVALID_KEY: {
    en: 'The recovery public key is invalid.',
    fr: 'La clé publique de récupération est invalide.',
  },
  SCR_RECOVERY_SEPARATION: {
    en: 'The recovery officer may not be an administrator of this election, nor approve their own request.',
    fr: 'Le responsable de la récupération ne peut pas administrer cette élection ni approuver sa propre demande.',
  },
  SCR_RECOVERY_ALREADY_DECIDED: {
    en: 'This recovery request was already decided.',
    fr: 'Cette demande de récupération a déjà été traitée.',
  },
  SCR_RECOVERY_INVALID_FILE: {
    en: 'The recovered-credentials file is invalid; nothing was sent.',
    fr: "Le fichier des codes récupérés est invalide ; rien n'a été envoyé.",
  },
  SCR_RECOVERY_MISMATCH: {
    en: "A recovered credential does not match its voter's public credential; nothing was sent.",
    fr: "Un code récupéré ne correspond pas au code public de son votant ; rien n'a été envoyé.",
  },
  // errors: recovery (keep this marker line)
  SCR_INVALID_CONSULTATION: { en: 'The consultation is invalid.', fr: 'La consultation est invalide.' },
  SCR_INVALID_PAPER_BOX: {
    en: 'The totals of the paper box are invalid; nothing was recorded.',
    fr: "Les totaux de l'urne papier sont invalides ; rien n'a été enregistré.",
  },
  SCR_CONSULTATION_NOT_PUBLISHED: {
    en: 'The consolidated result is not published yet.',
    fr: "Le résultat consolidé n'est pas encore publié.",
  },
  // errors: congress (keep this marker line)
  // errors: web (keep this marker line)
  SCR_MAIL_NOT_CONFIGURED: {
    en: 'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
    fr: "Le courrier n'est pas configuré sur ce serveur : définissez SMTP_URL (voir docs/deploy.md). Rien n'a été mis en file d'attente.",
  },
  // errors: ops (keep this marker line)
  SCR_NOT_DECRYPTED: {
    en: 'The result cannot be published yet: not every trustee needed has decrypted the tally.',
    fr: "Le résultat ne peut pas encore être publié : tous les garants nécessaires n'ont pas encore déchiffré le dépouillement.",
  },
  SCR_NO_VOTERS: { en: 'Import the voter list first.', fr: "Importez d'abord la liste des votants." },
  SCR_INVALID_CREDENTIALS: {
    en: 'The public credentials have errors; nothing was recorded.',
    fr: "Les codes de vote publics contiennent des erreurs ; rien n'a été enregistré.",
  },
  // errors: roll (issue 15): the roll changes only in the open once credentials exist
  SCR_ROLL_LOCKED: {
    en: 'Credentials have been issued: the roll can no longer be replaced by an import. Use the per-voter actions (correct an address, add a voter, remove a voter, change a weight); each is recorded and shown to scrutineers. Nothing was changed.',
    fr: "Les codes de vote ont été émis : la liste ne peut plus être remplacée par un import. Utilisez les actions par votant (corriger une adresse, ajouter un votant, retirer un votant, changer un poids) ; chacune est enregistrée et montrée aux scrutateurs. Rien n'a été modifié.",
  },
  SCR_ROLL_SEALED: {
    en: 'Voting is open: the roll is sealed in the election. A voter can no longer be added or removed and a weight can no longer change; only an address can be corrected. Nothing was changed.',
    fr: "Le vote est ouvert : la liste est scellée dans l'élection. On ne peut plus ajouter ni retirer de votant, ni changer un poids ; seule une adresse peut être corrigée. Rien n'a été modifié.",
  },
  SCR_ROLL_NO_RECOVERY: {
    en: 'This election has no credential recovery (none was chosen, or the credential authority is external): once voting is open, the credential cannot be sent again, so the address cannot be corrected here. Nothing was changed.',
    fr: "Cette élection n'a pas de récupération des codes de vote (aucune n'a été choisie, ou l'autorité de codes est externe) : une fois le vote ouvert, le code ne peut plus être renvoyé, donc l'adresse ne peut pas être corrigée ici. Rien n'a été modifié.",
  },
  SCR_ROLL_INVALID_VOTER: {
    en: 'This voter entry is invalid; nothing was changed.',
    fr: "Cette entrée de votant est invalide ; rien n'a été modifié.",
  },
  SCR_MASS_PASSWORDS_REFUSED: {
    en: 'Voting is open: passwords are not replaced for every voter at once. A new password goes only to a voter who asks for it (on the voting page, or through the help desk for one named voter).',
    fr: "Le vote est ouvert : les mots de passe ne sont pas remplacés pour tous les votants à la fois. Un nouveau mot de passe ne part qu'au votant qui le demande (sur la page de vote, ou par l'assistance pour un votant nommé).",
  },
  // errors: congress-defects (keep this marker line)
  // errors: accounts (keep this marker line)
  SCR_COMMON_PASSWORD: {
    en: 'This password is one of the most common passwords, the first ones an attacker tries: choose another.',
    fr: "Ce mot de passe fait partie des plus courants, les premiers qu'un attaquant essaie : choisissez-en un autre.",
  },
  SCR_BAD_CURRENT_PASSWORD: {
    en: 'Your current password is not the one given; nothing was changed.',
    fr: "Votre mot de passe actuel n'est pas celui indiqué ; rien n'a été changé.",
  },
  SCR_LINK_INVALID: {
    en: 'This link is no longer valid (already used, replaced by a newer one, or expired). Ask for a new one.',
    fr: "Ce lien n'est plus valable (déjà utilisé, remplacé par un plus récent, ou expiré). Demandez-en un nouveau.",
  },
  SCR_INVITATION_NEEDS_MAIL: {
    en: 'Mail is not configured on this server, so no invitation can be sent: set SMTP_URL (see docs/deploy.md). For a first admin, `scrutin org create` on the server prints the invitation link instead. Nothing was created.',
    fr: "Le courrier n'est pas configuré sur ce serveur, aucune invitation ne peut donc être envoyée : définissez SMTP_URL (voir docs/deploy.md). Pour un premier administrateur, `scrutin org create` sur le serveur affiche le lien d'invitation. Rien n'a été créé.",
  },
  SCR_PERSON_EXISTS: {
    en: 'A person with this email address already has an account; nothing was created.',
    fr: "Une personne avec cette adresse électronique a déjà un compte ; rien n'a été créé.",
  },
  SCR_NOT_INVITED: {
    en: 'This person has already set their password: there is no invitation to send again.',
    fr: "Cette personne a déjà choisi son mot de passe : il n'y a pas d'invitation à renvoyer.",
  },
  SCR_PERSON_SELF: {
    en: 'You cannot suspend or remove your own account; ask another administrator.',
    fr: 'Vous ne pouvez pas suspendre ni retirer votre propre compte ; demandez à un autre administrateur.',
  },
  SCR_ACCOUNT_SUSPENDED: {
    en: 'This account is suspended by an administrator of your organisation: ask them.',
    fr: 'Ce compte est suspendu par un administrateur de votre organisation : adressez-vous à lui.',
  },
  SCR_PERSON_SHARED: {
    en: 'This person also belongs to another organisation: only the platform operator can suspend their account.',
    fr: "Cette personne appartient aussi à une autre organisation : seul l'opérateur de la plateforme peut suspendre son compte.",
  },
  SCR_CSV_UTF16: {
    en: 'The file must be UTF-8 (it looks like UTF-16): in your spreadsheet, save it as "CSV UTF-8". Nothing was imported.',
    fr: "Le fichier doit être en UTF-8 (il semble être en UTF-16) : dans votre tableur, enregistrez-le en « CSV UTF-8 ». Rien n'a été importé.",
  },
  SCR_CSV_LATIN1: {
    en: 'The file must be UTF-8 (it looks like Latin-1 / Windows-1252): in your spreadsheet, save it as "CSV UTF-8". Nothing was imported.',
    fr: "Le fichier doit être en UTF-8 (il semble être en Latin-1 / Windows-1252) : dans votre tableur, enregistrez-le en « CSV UTF-8 ». Rien n'a été importé.",
  },
  SCR_CONTROL_CHARACTER: {
    en: 'A name, login or address contains a control character (an invisible character such as NUL or a tab); remove it. Nothing was changed.',
    fr: "Un nom, un identifiant ou une adresse contient un caractère de contrôle (un caractère invisible comme NUL ou une tabulation) ; retirez-le. Rien n'a été modifié.",
  },
  SCR_CREDENTIAL_AUTHORITY_SEPARATION: {
    en: 'The credential authority may not be an administrator of the same election (organisation admin or election admin), and only the credential authority uploads public credentials.',
    fr: "L'autorité de certification des codes de vote ne peut pas administrer la même élection (administrateur de l'organisation ou de l'élection), et seule elle dépose les codes de vote publics.",
  },
  // errors: identity (keep this marker line)
  // The election's own rules (issue 17): lists and seats, quorums, majorities, tie settlements.
  SCR_INVALID_RULES: {
    en: "The election's rules are invalid; nothing was changed.",
    fr: "Les règles de l'élection sont invalides ; rien n'a été modifié.",
  },
  SCR_LIST_PARITY: {
    en: 'A list breaks the parity the election requires (see which list and which position); nothing was changed.',
    fr: "Une liste ne respecte pas la parité exigée par l'élection (voir quelle liste et quelle position) ; rien n'a été modifié.",
  },
  SCR_RULES_SEALED: {
    en: 'The rules were sealed when the election opened: they can no longer change. Nothing was changed.',
    fr: "Les règles ont été scellées à l'ouverture de l'élection : elles ne peuvent plus changer. Rien n'a été modifié.",
  },
  SCR_NO_UNDECIDED_SEAT: {
    en: 'No seat of this question is undecided, or the result is not published yet: there is nothing to settle. Nothing was changed.',
    fr: "Aucun siège de cette question n'est indécis, ou le résultat n'est pas encore publié : il n'y a rien à départager. Rien n'a été modifié.",
  },
  SCR_INVALID_SETTLEMENT: {
    en: "This settlement does not settle the undecided seats (the statutes' step must name as many winners as seats, among the tied lists); nothing was changed.",
    fr: "Ce départage ne règle pas les sièges indécis (l'étape des statuts doit désigner autant de gagnants que de sièges, parmi les listes à égalité) ; rien n'a été modifié.",
  },
  // errors: election-rules (keep this marker line)
} as const satisfies Record<string, ErrorMessages>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An expected failure a user caused: nothing was changed, and the code tells them why. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Extra, non-secret detail (e.g. per-line CSV errors), shown to the user as is. */
    readonly detail?: unknown,
  ) {
    super(ERROR_MESSAGES[code].en);
  }
}
