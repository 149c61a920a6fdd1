/** French messages of the scrutineers' console, typed by the English area. */
import type { Messages } from '../en/index.js';

export const scrutineer: Messages['scrutineer'] = {
  title: 'Console des scrutateurs',
  intro:
    'Console des scrutateurs : tout ce qui s’affiche ici est observable sans révéler aucun vote ni aucun secret.',
  signInIntro: 'Identifiez-vous avec le compte qui a reçu le rôle de scrutateur pour cette élection.',
  refresh: 'Actualiser',
  refreshed: 'Chiffres actualisés.',
  unavailable: 'Non disponible pour votre compte.',
  turnout: 'Participation',
  turnoutCount: (voted: number, voters: number, percent: number) =>
    `${voted} votant·es sur ${voters} ont voté (${percent.toLocaleString('fr-FR')} %).`,
  ballots: (n: number) =>
    n <= 1 ? `${n} bulletin reçu (revotes compris).` : `${n} bulletins reçus (revotes compris).`,
  noBallots: 'Aucun bulletin pour l’instant.',
  overTime: 'Votant·es ayant voté, heure par heure (heures UTC, affichées dans votre fuseau)',
  hour: 'Heure',
  votedThatHour: 'Ont voté',
  cumulative: 'Total',
  verification: 'Vérification du tableau public',
  verified: (height: number) => `Vérifié : chaque événement jusqu’à la hauteur ${height} est correct.`,
  failed:
    'Vérification ÉCHOUÉE : le tableau public n’est pas cohérent. Alertez les administrateurs de l’élection.',
  cannotVerify:
    'NON vérifié : le tableau public contient des mélanges, que cette version de Scrutin ne sait pas encore contrôler. Vérifiez l’archive avec belenios-tool.',
  phase: (phase: string) => `Phase du tableau : ${phase}.`,
  phases: {
    setup: 'préparé, vote pas encore commencé',
    voting: 'vote en cours',
    ended: 'vote terminé',
    tallied: 'dépouillement chiffré publié',
    decrypting: 'déchiffrement par les garants',
    result: 'résultat publié',
  } as Record<string, string>,
  archive: 'Télécharger l’archive publique (.bel) pour la vérifier vous-même',
  notSealed: 'Pas encore scellé : les empreintes sont fixées à l’ouverture de l’élection.',
  boardCounts: {
    events: (n: number) => `Événements du registre\u00a0: ${n}`,
    ballots: (n: number) => `Bulletins acceptés\u00a0: ${n}`,
    tallied: (n: number) => `Bulletins dans le décompte chiffré\u00a0: ${n}`,
    partialDecryptions: (n: number) => `Déchiffrements partiels\u00a0: ${n}`,
  } as Record<string, (n: number) => string>,
  recoveryChoice: {
    escrow: 'Récupération\u00a0: les codes sont scellés avec la clé du responsable de la récupération.',
    none: 'Récupération\u00a0: aucune (choix explicite).',
    undecided: 'Récupération\u00a0: pas encore choisie.',
  } as Record<string, string>,
  rollIntro: 'Qui peut voter\u00a0: identifiant, nom et poids (jamais d’adresse).',
  rollHash: (hash: string) => `Empreinte de cette liste\u00a0: ${hash}`,
  rollSealed: (hash: string) => `Empreinte enregistrée à l’ouverture de l’élection\u00a0: ${hash}`,
  rollMatches: 'Elles sont identiques\u00a0: c’est la liste avec laquelle l’élection a été ouverte.',
  rollDiffers:
    'Elles diffèrent\u00a0: la liste a changé après l’ouverture (voir les changements ci-dessus et le journal d’audit).',
  rollNotSealed: 'L’empreinte de la liste est enregistrée à l’ouverture de l’élection.',
  recovery: 'Récupération des codes de vote',
  recoveryCounts: (r: Record<string, number>) =>
    `Demandes\u00a0: ${r.pending ?? 0} en attente, ${r.approved ?? 0} approuvées, ${r.rejected ?? 0} refusées, ${r.completed ?? 0} terminées (chacune figure au journal d’audit).`,
  signInList: 'Liste d’émargement',
  afterClosing: 'Affichée après la clôture : qui a voté, jamais comment.',
  signInIntro2: 'Qui a voté, jamais comment.',
  voted: 'A voté',
  signInTable: 'Tableau de la liste d’émargement (défile horizontalement)',
  auditTable: 'Tableau du journal d’audit (défile horizontalement)',
  downloadCsv: 'Télécharger en CSV',
  audit: 'Journal d’audit',
  auditIntro:
    'Chaque action d’administration, dans l’ordre, chaînée par empreintes : aucune entrée ne peut disparaître sans que cela se voie.',
  when: 'Quand',
  who: 'Qui',
  what: 'Action',
  details: 'Détails',
};
