/** French messages of the mails sent to voters and staff, typed by the English area. */
import type { Messages } from '../en/index.js';

export const mail: Messages['mail'] = {
  greeting: (name: string) => `Bonjour ${name},`,
  voterIn: (election: string) => `Vous êtes inscrit·e comme votant·e pour « ${election} ».`,
  dates: (opens: string | null, closes: string | null) =>
    opens && closes
      ? `Le vote ouvre le ${opens} et ferme le ${closes}.`
      : opens
        ? `Le vote ouvre le ${opens} ; la date de clôture sera annoncée.`
        : closes
          ? `La date d’ouverture sera annoncée ; le vote ferme le ${closes}.`
          : 'Les dates du vote seront annoncées.',
  openNow: (closes: string | null) =>
    closes ? `Le vote est ouvert et ferme le ${closes}.` : 'Le vote est ouvert.',
  login: (login: string) => `Votre identifiant : ${login}`,
  help: (contact: string) => `Questions ou problèmes : ${contact}`,
  signature: 'Ce message a été envoyé automatiquement par Scrutin ; merci de ne pas y répondre.',
  credential: {
    subject: (election: string) => `Votre code de vote – ${election}`,
    recoverySubject: (election: string) => `Votre code de vote (nouvel envoi) – ${election}`,
    recoveryIntro: 'Comme demandé, voici de nouveau votre code de vote ; c’est le même qu’avant.',
    sameAtNewAddress:
      'Votre adresse a été corrigée, pas votre code de vote : c’est le seul code de votre identifiant, le même que celui envoyé à votre ancienne adresse. Un vote déjà déposé avec lui compte tant que vous ne votez pas de nouveau.',
    label: 'Votre code de vote',
    link: 'Pour voter, ouvrez ce lien (il remplit votre code de vote à votre place) :',
    keep: 'Gardez ce code secret et conservez ce message : il vous faut ce code pour voter. Avec votre identifiant et votre mot de passe, il permet à qui le détient de voter en votre nom.',
    passwordLater: 'Votre mot de passe vous parviendra dans un message séparé.',
    codeAtLogin: 'Lorsque vous vous identifierez, un code à usage unique vous sera envoyé.',
    testAccess:
      'Avant l’ouverture du vote, vous pouvez déjà vous identifier sur le lien de vote et vérifier que votre code est accepté, sans voter.',
  },
  password: {
    subject: (election: string) => `Votre mot de passe – ${election}`,
    intro:
      'Voici le mot de passe pour vous identifier à l’élection. Votre code de vote vous a été envoyé dans un message séparé.',
    label: 'Votre mot de passe',
    replaces: 'Il remplace tout mot de passe envoyé auparavant.',
    link: 'Page de vote :',
  },
  reminder: {
    subject: (election: string) => `Rappel : comment voter – ${election}`,
    intro: 'Vous ne vous êtes pas encore identifié·e pour cette élection. Voici comment voter.',
    codeAtLogin:
      'Identifiez-vous avec votre identifiant : un code à usage unique vous sera envoyé. Utilisez le code de vote reçu séparément.',
    link: 'Page de vote :',
  },
  code: {
    subject: (election: string) => `Votre code de connexion – ${election}`,
    label: 'Votre code de connexion',
    validity: (minutes: number) =>
      `Il est valable ${minutes} minutes, pour une seule utilisation. Si vous ne l’avez pas demandé, ignorez ce message.`,
  },
};
