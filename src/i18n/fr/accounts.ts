/** French messages of accounts, passwords and invitations, typed by the English area. */
import type { Messages } from '../en/index.js';

export const accounts: Messages['accounts'] = {
  addMemberIntro:
    'Les garants, observateurs et autres administrateurs se connectent avec leur propre compte. La personne reçoit une invitation par courriel, valable 72 heures, et choisit elle-même son mot de passe : personne d’autre ne le connaît jamais.',
  invited: (name: string, until: string) =>
    `${name} a été ajouté·e et a reçu une invitation par courriel (valable jusqu’au ${until}).`,
  notMailed: (name: string) =>
    `${name} a été ajouté·e, mais l’invitation n’a pas pu être envoyée : renvoyez-la depuis la liste quand le courrier fonctionnera.`,
  memberMissing: 'Saisissez un nom et une adresse électronique.',
  status: 'Compte',
  statuses: {
    invited: 'invité (pas encore de mot de passe)',
    active: 'actif',
    suspended: 'suspendu',
    removed: 'retiré',
  } as Record<string, string>,
  actions: 'Actions',
  resend: 'Renvoyer l’invitation',
  resent: (name: string) =>
    `Une nouvelle invitation a été envoyée à ${name} ; le lien précédent ne fonctionne plus.`,
  suspend: 'Suspendre',
  suspendConfirm: (name: string) =>
    `Suspendre ${name} ? Sa session est fermée aussitôt et le compte ne peut plus se connecter jusqu’à sa réactivation.`,
  suspended: (name: string) => `${name} est suspendu·e et déconnecté·e.`,
  reinstate: 'Réactiver',
  reinstated: (name: string) => `${name} est réactivé·e.`,
  remove: 'Retirer',
  removeConfirm: (name: string) =>
    `Retirer ${name} de l’organisation ? Ses rôles sur ses élections prennent fin.`,
  removed: (name: string) => `${name} a été retiré·e.`,
  setUp: (created: string, passwordSet: string) =>
    `Votre compte a été créé le ${created} ; votre mot de passe a été choisi pour la dernière fois le ${passwordSet}.`,
  changePassword: 'Changer mon mot de passe',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe (au moins 10 caractères, pas un mot de passe courant)',
  confirmPassword: 'Nouveau mot de passe à nouveau',
  changeSubmit: 'Changer mon mot de passe',
  changed: 'Votre mot de passe est changé ; vos autres sessions sont fermées.',
  mismatch: 'Les deux nouveaux mots de passe diffèrent.',
  forgotten: 'Mot de passe oublié ?',
  forgottenIntro:
    'Saisissez l’adresse électronique de votre compte : si un compte l’utilise, un lien pour choisir un nouveau mot de passe (valable une heure, utilisable une fois) lui est envoyé.',
  forgottenEmail: 'Adresse de votre compte',
  forgottenSubmit: 'M’envoyer un lien',
  forgottenSent:
    'Si un compte utilise cette adresse, un lien lui a été envoyé. Il est valable une heure et utilisable une seule fois.',
  setHeading: 'Choisissez votre mot de passe',
  setIntro:
    'Choisissez le mot de passe de votre compte Scrutin. Personne d’autre ne le connaît ; le lien que vous avez ouvert ne fonctionne qu’une fois.',
  setSubmit: 'Enregistrer mon mot de passe',
  setDone: (email: string) =>
    `Votre mot de passe est enregistré. Connectez-vous avec ${email} et ce mot de passe.`,
  signInLink: 'Se connecter',
  operatorCreateIntro:
    'Le premier administrateur reçoit une invitation par courriel (valable 72 heures) et choisit lui-même son mot de passe : vous ne le voyez jamais. Il ajoute ensuite les autres personnes.',
  operatorInvited: (email: string, until: string) =>
    `L’invitation a été envoyée à ${email} ; son lien fonctionne une fois, jusqu’au ${until}.`,
  operatorNotMailed: (email: string) =>
    `L’organisation a été créée, mais l’invitation à ${email} n’a pas pu être envoyée. Quand le courrier fonctionnera, cette personne demandera un nouveau lien avec « Mot de passe oublié ? » sur /admin.`,
  noToken: 'Cette page a besoin du lien reçu par courriel. Ouvrez à nouveau le lien du courriel.',
};
