/** French messages of verification in the browser, typed by the English area. */
import type { Messages } from '../en/index.js';

export const browserVerify: Messages['browserVerify'] = {
  heading: 'Vérifier dans votre navigateur',
  intro:
    'Votre navigateur peut vérifier lui-même toute l’archive, avec le même vérificateur que les outils en ligne de commande : les preuves de chaque bulletin, le dépouillement, les déchiffrements et le résultat. La vérification se fait sur votre appareil ; seule l’archive est téléchargée.',
  caveat:
    'Le code de cette page vient du serveur de l’élection, celui-là même qu’on vérifie : si l’enjeu est important, utilisez aussi l’un des outils indépendants décrits sur cette page.',
  start: 'Vérifier cette élection dans mon navigateur',
  again: 'Vérifier à nouveau',
  progressLabel: 'Avancement de la vérification',
  downloading: (kib: number) => `Téléchargement de l’archive : ${kib} Kio`,
  eventsRead: (events: number) => `Événements lus : ${events}`,
  ballotsChecked: (done: number, total: number) => `Bulletins vérifiés : ${done} sur ${total}`,
  workers: (workers: number) =>
    workers === 1 ? 'Sur 1 processus de calcul.' : `Sur ${workers} processus de calcul en parallèle.`,
  timeLeft: (seconds: number) =>
    seconds < 60
      ? `Environ ${Math.max(1, Math.round(seconds))} s restantes.`
      : `Environ ${Math.round(seconds / 60)} min restantes.`,
  replaying: 'Vérification du dépouillement, des déchiffrements et du résultat…',
  passed: (seconds: string) =>
    `Toutes les vérifications réussissent (en ${seconds.replace('.', ',')}\u00a0s).`,
  failed: (check: string) => `Échec de la vérification : le contrôle « ${check} » ne passe pas.`,
  cannotVerify: (check: string) =>
    `Non vérifiée : ce vérificateur ne sait pas encore faire le contrôle « ${check} » (les mélanges des questions non homomorphes ne sont pas encore pris en charge). L’archive n’est ni confirmée ni montrée fausse : utilisez un vérificateur qui contrôle les mélanges, comme belenios-tool.`,
  downloadFailed: 'L’archive n’a pas pu être téléchargée. Vérifiez votre connexion et réessayez.',
  unreadable: (problem: string) => `L’archive est illisible : ${problem}`,
  crashed: (problem: string) => `Le vérificateur s’est arrêté de façon inattendue : ${problem}`,
  noWorkers:
    'Ce navigateur ne peut pas faire tourner le vérificateur (Web Workers désactivés). Utilisez l’un des outils indépendants décrits sur cette page.',
  checksCaption: 'Verdict de chaque contrôle',
  checkColumn: 'Contrôle',
  verdictColumn: 'Verdict',
  countColumn: 'Éléments vérifiés',
  verdicts: {
    pass: 'Réussi',
    fail: 'Échoué',
    unsupported: 'Pas encore vérifiable',
    'not-reached': 'Non atteint',
    'not-applicable': 'Sans objet',
  },
  checks: {
    archive: 'Format de l’archive',
    chain: 'Chaîne des événements',
    setup: 'Paramètres de l’élection',
    trustees: 'Clés des garants',
    credentials: 'Codes de vote',
    ballots: 'Bulletins (signatures et preuves)',
    'encrypted-tally': 'Dépouillement chiffré',
    shuffles: 'Mélanges',
    'partial-decryptions': 'Déchiffrements partiels',
    result: 'Résultat',
  },
  resultHeading: 'Résultat recalculé et résultat publié',
  resultCaption: (question: string) => `Question : ${question}`,
  answerColumn: 'Réponse',
  recomputedColumn: 'Recalculé depuis l’archive',
  publishedColumn: 'Publié sur cette page',
  sameColumn: 'Identique',
  same: 'Oui',
  different: 'Non',
  blank: 'Vote blanc',
  resultSame: 'Le résultat recalculé depuis l’archive est bien celui publié.',
  resultDifferent:
    'Le résultat recalculé depuis l’archive diffère de celui publié : prévenez les organisateurs.',
  noPublished: 'Aucun résultat n’est encore publié sur cette page.',
  noResult:
    'L’archive ne contient pas encore de résultat : les contrôles portent sur le tableau tel qu’il est.',
  nodeLabel:
    'Ou, avec seulement Node.js 20, le vérificateur en un seul fichier de Scrutin. Ne le prenez pas sur ce serveur : construisez-le depuis une version publiée du code source de Scrutin et comparez son SHA-256 avec celui du docs/verify.md de cette version. Puis lancez :',
  sourceLink: 'Code source de Scrutin et docs/verify.md',
};
