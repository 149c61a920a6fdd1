/** French messages of operations (server, CLI, health), typed by the English area. */
import type { Messages } from '../en/index.js';

export const ops: Messages['ops'] = {
  internalError: 'Erreur interne.',
  home: {
    title: 'Élections vérifiables de bout en bout',
    intro:
      'Scrutin organise des élections en ligne pour des fédérations, des associations et des syndicats. Chaque vote est chiffré dans le navigateur de la personne qui vote ; chacun peut vérifier, à partir de l’archive publique, que chaque bulletin compté a été déposé par une personne inscrite et que le résultat est juste, sans apprendre comment quiconque a voté.',
    belenios:
      'Les archives suivent le format Belenios 2.0 : elles peuvent aussi être vérifiées avec belenios-tool, de l’Inria.',
    voters: 'Votant·es : utilisez le lien du message reçu pour votre élection.',
    staff: 'Équipe',
    signIn: 'Se connecter pour gérer des élections (administration, assesseurs, scrutateurs)',
    operator: 'Console de l’opérateur (organisations de ce serveur)',
  },
  operator: {
    title: 'Console de l’opérateur',
    signInIntro: 'Connectez-vous avec le compte opérateur de ce serveur.',
    notOperator:
      'Ce compte n’est pas l’opérateur de ce serveur. Seul l’opérateur gère ici les organisations ; les administrateurs vont aux pages d’administration.',
    toAdmin: 'Aller aux pages d’administration',
    intro:
      'Organisations de ce serveur. Vous voyez leurs noms et leurs tailles, jamais le contenu de leurs élections.',
    organisations: 'Organisations',
    none: 'Aucune organisation pour l’instant.',
    name: 'Nom',
    created: 'Création',
    admins: 'Administrateurs',
    elections: 'Élections',
    create: 'Créer une organisation',
    createIntro:
      'La première personne administratrice se connecte avec son adresse électronique et le mot de passe initial généré ci-dessous, affiché une seule fois, puis ajoute les autres personnes.',
    organisationName: 'Nom de l’organisation',
    adminName: 'Nom de la première personne administratrice',
    adminEmail: 'Adresse électronique de la première personne administratrice',
    submit: 'Créer l’organisation',
    progress: 'Création de l’organisation…',
    missing:
      'Indiquez le nom de l’organisation, ainsi que le nom et l’adresse électronique de la première personne administratrice.',
    badEmail: 'L’adresse électronique n’est pas valide.',
    created_: (name: string) => `Organisation « ${name} » créée.`,
    passwordHeading: 'Mot de passe initial de la première personne administratrice',
    passwordOnce:
      'Affiché une seule fois, ici seulement : il n’est pas conservé en clair et ne pourra plus être affiché. Transmettez-le par un autre moyen que l’adresse électronique (en personne, par téléphone) et demandez de le garder secret.',
    passwordFor: (email: string) => `Connexion de ${email} :`,
    dismiss: 'Je l’ai transmis : le masquer',
    table: 'Tableau des organisations (défile sur le côté)',
  },
  mail: {
    notConfigured:
      'Le courrier n’est pas configuré sur ce serveur : rien ne peut être envoyé aux votant·es. L’administrateur du serveur doit définir SMTP_URL (voir docs/deploy.md) et redémarrer le serveur.',
    demo: 'Serveur de démonstration : les messages aux votant·es ne sont pas envoyés ; chacun est signalé sur le terminal qui fait tourner la démo.',
  },
};
