/** French messages of the voter roll (import, changes, help desk), typed by the English area. */
import type { Messages } from '../en/index.js';

export const roll: Messages['roll'] = {
  mail: {
    noticeSubject: (election: string) => `Modification de votre inscription – ${election}`,
    addressChanged: (from: string, to: string, when: string) =>
      `Le ${when}, l’adresse enregistrée pour votre identifiant dans cette élection a été changée de ${from} en ${to}. Désormais, les messages de l’élection partent à la nouvelle adresse seulement.`,
    ifNotYou:
      'Si vous n’avez pas demandé ce changement, contactez l’assistance sans attendre : quelqu’un essaie peut-être de voter à votre place.',
    noHelpContact:
      'Si vous n’avez pas demandé ce changement, prévenez sans attendre les organisateurs ou les scrutateurs de l’élection : quelqu’un essaie peut-être de voter à votre place.',
    scrutineers:
      'Les scrutateurs de l’élection observent la liste des votants : ce changement est inscrit au journal d’audit de l’élection, qu’ils lisent, et compté avec votre identifiant sur la page publique de l’élection.',
    replacesEarlier:
      'Ce message remplace celui envoyé auparavant pour cette élection à votre ancienne adresse.',
  },
  page: {
    heading: 'Modifications de la liste après l’émission des codes',
    count: (n: number) => `Modifications de la liste après l’émission des codes\u00a0: ${n}`,
    logins: 'Identifiants concernés\u00a0:',
    correctAddress: 'Corriger l’adresse',
    addVoter: 'Ajouter un votant',
    removeVoter: 'Retirer',
    changeWeight: 'Changer le poids',
    newAddress: (login: string) => `Nouvelle adresse pour ${login}\u00a0:`,
    newWeight: (login: string) => `Nouveau poids pour ${login}\u00a0:`,
    confirmRemove: (login: string) =>
      `Retirer ${login} de la liste\u00a0? Son code de vote est retiré\u00a0; le changement est enregistré et montré aux scrutateurs.`,
    addPrompt: 'Nouveau votant\u00a0: email,identifiant,poids,nom[,langue]',
    done: 'Fait\u00a0: le changement est inscrit au journal d’audit.',
    notice:
      'Les codes de vote ont été émis\u00a0: la liste change votant par votant. Chaque changement est enregistré, montré aux scrutateurs et compté sur la page publique\u00a0; une adresse changée est d’abord prévenue à l’ancienne adresse.',
    roll: 'Liste des votants (adresses masquées)',
  },
};
