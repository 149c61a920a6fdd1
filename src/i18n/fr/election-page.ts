/** French messages of the public election page, typed by the English area. */
import type { Messages } from '../en/index.js';
import { reponses } from './plural.js';

export const electionPage: Messages['electionPage'] = {
  title: 'Élection',
  loading: 'Chargement de l’élection…',
  unavailable: 'Cette élection ne peut pas être affichée',
  notFound: 'Cette élection n’existe pas ou n’est pas encore publique. Vérifiez l’adresse.',
  state: {
    draft: 'Cette élection est en préparation : le vote n’est pas encore ouvert.',
    open: 'Le vote est ouvert.',
    closed: 'Le vote est clos ; le dépouillement est en cours.',
    tallied: 'Le vote est clos ; les garants déchiffrent le résultat.',
    published: 'Le résultat est publié.',
    annulled: 'Cette élection a été annulée.',
  },
  annulReason: (reason: string) => `Motif donné par les organisateurs : ${reason}`,
  turnout: (ballots: number, voters: number) =>
    `${ballots <= 1 ? `${ballots} votant a` : `${ballots} votants ont`} voté, sur ${voters}.`,
  dates: {
    heading: 'Dates',
    opens: 'Ouverture du vote',
    closes: 'Clôture du vote',
    timeZone: (zone: string) => `Les heures sont données dans le fuseau horaire de l’élection (${zone}).`,
  },
  rules: {
    exactly: (n: number) => `Choisissez ${reponses(n)}.`,
    between: (min: number, max: number) =>
      min === 0 ? `Choisissez jusqu’à ${reponses(max)}.` : `Choisissez entre ${min} et ${max} réponses.`,
    blank: 'Le vote blanc est possible.',
  },
  questions: { heading: 'Questions' },
  result: {
    heading: 'Résultat',
    totals: (ballots: number, weight: string, weighted: boolean) =>
      `${ballots <= 1 ? `${ballots} bulletin compté` : `${ballots} bulletins comptés`}${weighted ? `, d’un poids total de ${weight}` : ''}. Les parts sont calculées sur ${weighted ? 'le poids des ' : 'les '}bulletins comptés.`,
    several: 'Chaque votant pouvait choisir plusieurs réponses : les parts peuvent dépasser 100 % au total.',
    caption: (question: string) => `Résultat : ${question}`,
    answer: 'Réponse',
    votes: 'Voix',
    weightedVotes: 'Voix (pondérées)',
    share: 'Part',
    chart: 'Graphique en barres',
    blank: 'Vote blanc',
    ranked: {
      schulzeIntro:
        'Classement des candidats par la méthode de Condorcet-Schulze, d’après les bulletins déchiffrés (mélangés d’abord, pour qu’aucun ne puisse être rattaché à son votant).',
      stvIntro: (seats: string) =>
        `Élus au vote unique transférable pour ${seats}, d’après les bulletins déchiffrés (mélangés d’abord, pour qu’aucun ne puisse être rattaché à son votant).`,
      mjIntro:
        'Classement des candidats au jugement majoritaire, d’après les bulletins déchiffrés (mélangés d’abord, pour qu’aucun ne puisse être rattaché à son votant).',
      listIntro: (n: number) =>
        `${n <= 1 ? `${n} bulletin déchiffré` : `${n} bulletins déchiffrés`} (mélangés d’abord, pour qu’aucun ne puisse être rattaché à son votant) ; la liste est dans l’archive ci-dessous.`,
      place: (rank: number, names: string) => `${rank}. ${names}`,
      tied: (names: string[]) => `${names.join(', ')} (ex æquo)`,
      seats: (n: number) => (n === 1 ? '1 siège' : `${n} sièges`),
      elected: 'Élus',
      counts: (valid: number, blank: number | undefined, invalid: number) =>
        `${[
          `${valid <= 1 ? `${valid} bulletin valide` : `${valid} bulletins valides`}`,
          blank === undefined ? '' : `${blank} blanc${blank > 1 ? 's' : ''}`,
          invalid === 0 ? '' : `${invalid} nul${invalid > 1 ? 's' : ''}`,
        ]
          .filter((x) => x !== '')
          .join(', ')}.`,
      candidate: 'Candidat',
      majorityGrade: 'Mention majoritaire',
      gradesCaption: (question: string) => `Mentions données : ${question}`,
    },
    notShown:
      'Le résultat de cette question ne peut pas être affiché ici ; il figure dans l’archive ci-dessous.',
  },
  tracker: {
    heading: 'Retrouver votre bulletin',
    intro:
      'Saisissez le numéro de suivi obtenu après votre vote : vous vérifiez ainsi que votre bulletin chiffré est sur le tableau d’affichage public, sans révéler votre vote.',
    label: 'Numéro de suivi',
    hint: '43 lettres, chiffres, + et /, tel qu’affiché après votre vote.',
    search: 'Retrouver mon bulletin',
    empty: 'Saisissez un numéro de suivi.',
    counted: 'Ce bulletin est sur le tableau d’affichage public, et c’est lui qui compte.',
    replaced:
      'Ce bulletin est sur le tableau d’affichage public, mais un bulletin plus récent a été déposé avec le même code de vote : seul le dernier compte.',
    absent:
      'Aucun bulletin ne porte ce numéro de suivi sur le tableau d’affichage public. Vérifiez que vous l’avez copié en entier ; s’il est juste, contactez les organisateurs.',
  },
  verify: {
    heading: 'Vérifier l’élection vous-même',
    intro:
      'Tout le tableau d’affichage tient dans une archive. Chacun peut la vérifier avec un logiciel indépendant : les preuves de chaque bulletin, le dépouillement et le résultat.',
    download: (file: string) => `Télécharger l’archive (${file})`,
    prepare: 'Placez l’archive dans un dossier à part :',
    scrutin: 'Vérifiez-la avec l’outil de Scrutin :',
    belenios: 'Ou avec belenios-tool, l’outil de l’Inria :',
    copy: 'Copier',
    copied: 'Commande copiée.',
    copyFailed: 'Le navigateur n’a pas permis la copie : sélectionnez la commande et copiez-la.',
    expected: 'Chacun de ces outils affiche « all checks passed » quand l’archive est correcte.',
    serverOk: (events: number) =>
      `Le vérificateur du serveur a contrôlé ${events <= 1 ? 'le premier événement' : `les ${events} événements`} du tableau d’affichage : toutes les vérifications réussissent. C’est votre propre vérification qui compte.`,
    serverFailed:
      'Le vérificateur du serveur a trouvé un problème sur le tableau d’affichage. Vérifiez l’archive vous-même et prévenez les organisateurs.',
    serverCannotVerify:
      'Le vérificateur du serveur ne peut pas contrôler ce tableau d’affichage : il contient des mélanges, que cette version ne vérifie pas encore. Le tableau n’est PAS vérifié : contrôlez l’archive avec un vérificateur qui vérifie les mélanges, comme belenios-tool.',
  },
  seals: {
    heading: 'Empreintes',
    intro:
      'Ces empreintes ont été scellées à l’ouverture du vote. L’archive doit donner les mêmes : comparez-les avec celles publiées par les organisateurs.',
    election: 'Élection',
    trustees: 'Clés des garants',
    credentials: 'Codes de vote (partie publique)',
  },
};
