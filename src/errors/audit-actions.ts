/**
 * The catalogue of audit actions, beside the catalogue of errors: every action the domain writes to
 * the hash-chained audit log is declared here once, with a label in English and French and the type
 * of its details. `AuditEntryInput` (src/store/store.ts) takes only a catalogued action with its
 * details, so writing another string, or details of the wrong shape, is a type error.
 *
 * The action strings are stored as they are and enter the audit chain's hashes: never rename one (an
 * archive or a chain written before would no longer verify against the catalogue's readers); add a
 * new action instead. `shown` lists the detail keys the audit-log export may show (scalar values
 * only, src/server/exports/audit-log.ts); any other key is withheld there.
 */

export interface AuditActionLabels {
  readonly en: string;
  readonly fr: string;
  /** The detail keys the audit-log export shows; an empty list shows no details at all. */
  readonly shown: readonly string[];
}

export interface AuditActionSpec<D extends object> extends AuditActionLabels {
  readonly shown: readonly (keyof D & string)[];
  /** Never set: carries the type of the action's details. */
  readonly details?: D;
}

type NoDetails = Record<never, never>;

function action<D extends object = NoDetails>(
  en: string,
  fr: string,
  shown: readonly (keyof D & string)[] = [],
): AuditActionSpec<D> {
  return { en, fr, shown };
}

/** A per-voter change of the roll (src/election/roll-changes.ts): the login and what changed, addresses masked. */
type RollChange<From, To> = {
  login: string;
  stage: string;
  afterCredentials: boolean;
  credential: string;
} & (From extends undefined ? unknown : { from: From }) &
  (To extends undefined ? unknown : { to: To });

const ROLL_SHOWN = ['login', 'stage', 'afterCredentials', 'credential'] as const;

/** Who got which role and their display name: accounts of the organisation's members. */
type Member = { accountId: string; person: string };

/** A consultation's entries name it (src/congress/consultations.ts); they are not an election's. */
type Consultation<D> = { consultation: string } & D;

export const AUDIT_ACTIONS = {
  // elections (src/election)
  'election.create': action<{ name: string }>('Election created', 'Élection créée', ['name']),
  'election.questions': action<{ count: number }>('Questions set', 'Questions définies', ['count']),
  'election.schedule': action<{ opensAt: string | null; closesAt: string | null; timeZone: string }>(
    'Schedule set',
    'Calendrier défini',
    ['opensAt', 'closesAt', 'timeZone'],
  ),
  'election.extend': action<{ from: string | null; to: string }>('Closing extended', 'Clôture prolongée', [
    'from',
    'to',
  ]),
  'voters.import': action<{ count: number }>('Voter list imported', 'Liste des votants importée', ['count']),
  'trustee.server-key': action('Server trustee key made', 'Clé de garant du serveur créée'),
  'trustee.add': action<{ displayName: string; fingerprint: string }>('Trustee added', 'Garant ajouté', [
    'displayName',
    'fingerprint',
  ]),
  'trustee.threshold.declare': action<{ threshold: number; trustees: number; copiedFrom?: string }>(
    'Threshold trustees declared',
    'Garants à seuil déclarés',
    ['threshold', 'trustees'],
  ),
  'trustee.threshold.certificate': action<{ slot: number; id: string }>(
    'Trustee certificate received',
    'Certificat de garant reçu',
    ['slot', 'id'],
  ),
  'trustee.threshold.polynomial': action<{ slot: number }>(
    'Trustee polynomial received',
    'Polynôme de garant reçu',
    ['slot'],
  ),
  'trustee.threshold.voutput': action<{ slot: number; complete?: true }>(
    'Trustee key share checked',
    'Part de clé de garant vérifiée',
    ['slot', 'complete'],
  ),
  'credentials.generate': action<{ count: number; fingerprint: string }>(
    'Voting credentials generated',
    'Codes de vote générés',
    ['count', 'fingerprint'],
  ),
  'credentials.upload': action<{ count: number; fingerprint: string }>(
    'Public credentials uploaded',
    'Codes de vote publics déposés',
    ['count', 'fingerprint'],
  ),
  'election.open': action<{
    fingerprint: string | null;
    trusteesHash: string | null;
    credentialsHash: string | null;
    /** core/roll-hash.ts: logins, names and weights (entries written before it have none). */
    rollHash?: string;
  }>('Election opened', 'Élection ouverte', ['fingerprint', 'trusteesHash', 'credentialsHash', 'rollHash']),
  'election.close': action<{ ballots: number; verified: true }>('Election closed', 'Élection close', [
    'ballots',
    'verified',
  ]),
  // only when the whole re-verification after EndBallots fails (the close entry reports the board before)
  'board.reverify': action<{ ballots: number; verified: false; problem: string | undefined }>(
    'Ballot box re-verification failed',
    "Échec de la revérification de l'urne",
    ['ballots', 'verified', 'problem'],
  ),
  'election.tally': action<{ tallied: number }>('Ballots tallied', 'Bulletins comptés', ['tallied']),
  'trustee.partial-decryption': action<{ owner: number }>(
    'Partial decryption received',
    'Déchiffrement partiel reçu',
    ['owner'],
  ),
  'trustee.shuffle': action<{ owner: number }>('Shuffle received', 'Mélange reçu', ['owner']),
  'election.shuffle-skip': action<{ owner: number }>(
    'Trustee skipped in the shuffles',
    'Garant passé lors des mélanges',
    ['owner'],
  ),
  'election.end-shuffles': action<{ shuffles: number; shufflers: string }>(
    'Shuffles ended',
    'Mélanges terminés',
    ['shuffles', 'shufflers'],
  ),
  'election.publish': action<{ verified: true }>('Result published', 'Résultat publié', ['verified']),
  'election.annul': action<{ reason: string; from: string }>('Election annulled', 'Élection annulée', [
    'reason',
    'from',
  ]),
  // recovery (src/recovery/service.ts): ids and counts only, never a credential
  'recovery.officer-key': action<{ fingerprint: string }>(
    'Recovery officer key set',
    "Clé de l'agent de récupération définie",
    ['fingerprint'],
  ),
  'recovery.none': action<{ reason: 'chosen' | 'consultation' }>(
    'No credential recovery',
    'Pas de récupération des codes',
    ['reason'],
  ),
  'recovery.escrow': action<{ count: number }>('Credentials escrowed', 'Codes de vote mis sous séquestre', [
    'count',
  ]),
  'credential.replace': action<{ voterId: string; escrowed: boolean }>(
    'Voting credential replaced',
    'Code de vote remplacé',
    ['voterId', 'escrowed'],
  ),
  'recovery.request': action<{ requestId: string; voterId: string; origin: string }>(
    'Recovery requested',
    'Récupération demandée',
    ['requestId', 'voterId', 'origin'],
  ),
  'recovery.request.unmatched': action(
    'Unmatched recovery request',
    'Demande de récupération sans correspondance',
  ),
  'recovery.approve': action<{ requestId: string; voterId: string }>(
    'Recovery approved',
    'Récupération approuvée',
    ['requestId', 'voterId'],
  ),
  'recovery.reject': action<{ requestId: string; voterId: string }>(
    'Recovery rejected',
    'Récupération refusée',
    ['requestId', 'voterId'],
  ),
  'recovery.batch': action<{ count: number; requests: string }>(
    'Recovery batch prepared',
    'Lot de récupération préparé',
    ['count', 'requests'],
  ),
  'recovery.complete': action<{ requestId: string; voterId: string }>(
    'Recovery completed',
    'Récupération terminée',
    ['requestId', 'voterId'],
  ),
  // delivery: settings and counts, never a secret
  'delivery.settings': action<{
    loginMode: string;
    passwordDelaySeconds: number;
    helpContact: string;
    defaultLanguage: string;
    secretChannel?: 'email' | 'sms';
    receiptMail?: boolean;
  }>('Delivery settings changed', "Paramètres d'envoi modifiés", [
    'loginMode',
    'passwordDelaySeconds',
    'helpContact',
    'defaultLanguage',
    'secretChannel',
    'receiptMail',
  ]),
  'delivery.passwords': action<{ count: number }>('Passwords sent', 'Mots de passe envoyés', ['count']),
  'delivery.resend': action<{ kind: string; count: number }>('Messages sent again', 'Messages renvoyés', [
    'kind',
    'count',
  ]),
  // one voter's new password: who asked (self-service, help desk, a corrected address)
  'delivery.password.voter': action<{
    login: string;
    reason: 'help-desk' | 'self-service' | 'address-corrected' | 'phone-corrected';
    count: number;
  }>("A voter's password sent", "Mot de passe d'un votant envoyé", ['login', 'reason', 'count']),
  // a one-time code the help desk sent to one voter (issue 16), and by which channel
  'delivery.code.voter': action<{ login: string; channel: 'email' | 'sms' }>(
    'A sign-in code sent to a voter by the help desk',
    "Code de connexion envoyé à un votant par l'assistance",
    ['login', 'channel'],
  ),
  'delivery.password.request.unmatched': action(
    'Unmatched password request',
    'Demande de mot de passe sans correspondance',
  ),
  // the roll after its import (src/election/roll-changes.ts)
  'voter.address': action<RollChange<string, string>>(
    "Voter's address changed",
    "Adresse d'un votant modifiée",
    ['from', 'to', ...ROLL_SHOWN],
  ),
  // issue 16: the number passwords and codes go to by SMS ('—' for none), masked
  'voter.phone': action<RollChange<string, string>>(
    "Voter's phone number changed",
    "Numéro de téléphone d'un votant modifié",
    ['from', 'to', ...ROLL_SHOWN],
  ),
  'voter.add': action<RollChange<undefined, string> & { weight: string }>('Voter added', 'Votant ajouté', [
    'to',
    'weight',
    ...ROLL_SHOWN,
  ]),
  'voter.remove': action<RollChange<string, undefined> & { weight: string }>(
    'Voter removed',
    'Votant retiré',
    ['from', 'weight', ...ROLL_SHOWN],
  ),
  'voter.weight': action<RollChange<string, string>>("Voter's weight changed", "Poids d'un votant modifié", [
    'from',
    'to',
    ...ROLL_SHOWN,
  ]),
  // the organisation's members (src/accounts)
  'member.add': action<{ accountId: string; orgAdmin: boolean }>('Member added', 'Membre ajouté'),
  'member.invite': action<Member>('Invitation sent again', 'Invitation renvoyée'),
  'member.suspend': action<Member>('Member suspended', 'Membre suspendu'),
  'member.reinstate': action<Member>('Member reinstated', 'Membre rétabli'),
  'member.remove': action<Member>('Member removed', 'Membre retiré'),
  // congress-defects: who got which role (the election is the entry's), and the consultations' actions
  'role.grant': action<Member & { role: string }>('Role granted', 'Rôle attribué', [
    'accountId',
    'person',
    'role',
  ]),
  'role.revoke': action<Member & { role: string; reason: string }>('Role taken away', 'Rôle retiré', [
    'accountId',
    'person',
    'role',
    'reason',
  ]),
  'consultation.create': action<Consultation<{ name: string; boxes: number; round: number }>>(
    'Consultation created',
    'Consultation créée',
    ['consultation', 'name', 'boxes', 'round'],
  ),
  'consultation.voters': action<Consultation<{ count: number }>>(
    'Consultation voters imported',
    'Votants de la consultation importés',
    ['consultation', 'count'],
  ),
  'consultation.box-annul': action<Consultation<{ box: string; label: string; reason: string }>>(
    'Ballot box annulled',
    'Urne annulée',
    ['consultation', 'box', 'label', 'reason'],
  ),
  'consultation.box-rerun': action<
    Consultation<{
      box: string;
      replaces: string;
      label: string;
      replacesElection?: string;
      inherited?: string;
    }>
  >('Ballot box run again', 'Urne rejouée', [
    'consultation',
    'box',
    'replaces',
    'label',
    'replacesElection',
    'inherited',
  ]),
  'consultation.settings': action<
    Consultation<{
      recovery: string;
      officer: string | null;
      loginMode: string;
      passwordDelaySeconds: number;
      helpContact: string;
      defaultLanguage: string;
      secretChannel?: 'email' | 'sms';
      scrutineers: number;
      boxes: number;
      overrides: number;
    }>
  >('Consultation-wide settings changed', 'Réglages communs de la consultation modifiés', [
    'consultation',
    'recovery',
    'officer',
    'loginMode',
    'passwordDelaySeconds',
    'helpContact',
    'defaultLanguage',
    'secretChannel',
    'scrutineers',
    'boxes',
    'overrides',
  ]),
  'consultation.box-paper': action<
    Consultation<{
      box: string;
      label: string;
      enteredBy: string | null;
      reportSha256: string;
      replaces: string | null;
    }>
  >('Paper ballot box entered', 'Urne papier saisie', [
    'consultation',
    'box',
    'label',
    'enteredBy',
    'reportSha256',
    'replaces',
  ]),
  'consultation.next-round': action<Consultation<{ next: string; qualified: string }>>(
    'Next round created',
    'Tour suivant créé',
    ['consultation', 'next', 'qualified'],
  ),
  'consultation.open': action<Consultation<{ boxes: number; refused: number }>>(
    'Consultation boxes opened',
    'Urnes de la consultation ouvertes',
  ),
  'consultation.close': action<Consultation<{ boxes: number; refused: number }>>(
    'Consultation boxes closed',
    'Urnes de la consultation closes',
  ),
  'consultation.tally': action<Consultation<{ boxes: number; refused: number }>>(
    'Consultation boxes tallied',
    'Urnes de la consultation dépouillées',
  ),
  'consultation.publish': action<Consultation<{ boxes: number; refused: number }>>(
    'Consultation results published',
    'Résultats de la consultation publiés',
  ),
  // election-rules: an election's own rules (src/congress/election-rules-service.ts, issue 17)
  'election.rules': action<{ hash: string; lists: number; questions: number }>(
    'Election rules set',
    "Règles de l'élection définies",
    ['hash', 'lists', 'questions'],
  ),
  'election.rules-seal': action<{ hash: string }>('Election rules sealed', "Règles de l'élection scellées", [
    'hash',
  ]),
  'election.seat-settle': action<{ question: number; step: string; winners: string; seed: string | null }>(
    'Undecided seat settled',
    'Siège indécis départagé',
    ['question', 'step', 'winners', 'seed'],
  ),
} as const satisfies Record<string, AuditActionLabels>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The details an action's entry carries. */
export type AuditDetails<A extends AuditAction> =
  (typeof AUDIT_ACTIONS)[A] extends AuditActionSpec<infer D> ? D : never;

/** `details` is optional exactly when the action has none. */
export type AuditDetailsArg<A extends AuditAction> =
  NoDetails extends AuditDetails<A> ? [details?: AuditDetails<A>] : [details: AuditDetails<A>];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** The action's label in `language`; an action the catalogue does not know is shown as stored. */
export function auditActionLabel(action: string, language: 'en' | 'fr'): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action][language] : action;
}

/** The detail keys the audit-log export shows for `action` (none for an action the catalogue does not know). */
export function auditShownDetails(action: string): readonly string[] {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].shown : [];
}
