/** Messages de la page du responsable de la récupération (/officer, issue 16). */

export const officer = {
  title: 'Récupération des codes de vote',
  signInIntro:
    'Connectez-vous avec le compte désigné responsable de la récupération de l’élection ou de la consultation : vous approuvez ou refusez les demandes de code de vote des votant·es.',
  intro:
    'Un·e votant·e qui a perdu son code de vote, ou dont l’adresse a été corrigée après l’ouverture du vote, reçoit à nouveau le même code une fois votre approbation donnée. Votre clé privée l’ouvre dans ce navigateur ; seul le code part, vers l’adresse enregistrée du votant. Votre fichier de clé n’est jamais envoyé.',
  none: 'Vous n’êtes responsable de la récupération d’aucune élection dont les codes sont créés par le serveur.',
  key: {
    heading: 'Votre clé privée',
    label: 'Fichier de clé privée (recovery.privkey)',
    hint: 'Lu dans ce navigateur seulement, jamais envoyé. Il reste chargé jusqu’à ce que vous quittiez ou rechargiez la page.',
    loaded: (group: string) => `Clé chargée (groupe ${group}). Elle n’a pas quitté ce navigateur.`,
    notAKey: (file: string) =>
      `${file} n’est pas un fichier de clé privée de récupération. Rien n’a été envoyé.`,
    needed:
      'Chargez d’abord votre fichier de clé privée (ci-dessus) : les codes sont ouverts avec lui dans ce navigateur.',
    makeIntro:
      'Aucune clé n’est encore fixée pour les élections ci-dessous (en préparation). Créez votre paire de clés dans ce navigateur : vous gardez le fichier de clé privée ; seule la clé publique est envoyée.',
    make: 'Créer ma paire de clés dans ce navigateur',
    download: 'Télécharger ma clé privée (recovery.privkey)',
    keep: 'Gardez ce fichier en lieu sûr et secret : sans lui, aucun code perdu ne peut être renvoyé ; avec lui, n’importe qui pourrait ouvrir les codes mis sous séquestre sur le serveur.',
    saved: 'J’ai enregistré le fichier : envoyer ma clé publique',
    sentKey: (n: number) =>
      n === 1 ? 'Clé publique fixée pour 1 élection.' : `Clé publique fixée pour ${n} élections.`,
  },
  box: (consultation: string, box: string) => `${consultation} — ${box}`,
  round: (n: number) => `tour ${n}`,
  state: 'État',
  recovery: 'Récupération',
  recoveryChoice: {
    escrow: 'par séquestre à votre clé',
    none: 'aucune (choisie par les organisateurs)',
    undecided: 'pas encore choisie',
  },
  fingerprint: 'Empreinte de la clé',
  noKeyYet: 'aucune clé pour l’instant',
  annulled: 'Cette urne a été annulée : rien à faire ici.',
  notOpen: 'Les demandes se décident pendant le vote.',
  pending: 'En attente de votre décision',
  noPending: 'Aucune demande en attente.',
  columns: {
    login: 'Identifiant',
    name: 'Nom',
    origin: 'Origine',
    asked: 'Demandé le',
    action: 'Décision',
  },
  approve: 'Approuver',
  refuse: 'Refuser',
  approveLabel: (login: string) => `Approuver la demande de ${login}`,
  refuseLabel: (login: string) => `Refuser la demande de ${login}`,
  approveTitle: (login: string) => `Approuver la demande de ${login} ?`,
  approveEffects: [
    'La demande est approuvée et inscrite au journal d’audit de l’élection.',
    'Ensuite, avec votre clé, le même code de vote est ouvert ici et envoyé à la seule adresse enregistrée du votant. C’est son seul code : rien d’autre ne cesse de fonctionner.',
  ],
  refuseTitle: (login: string) => `Refuser la demande de ${login} ?`,
  refuseEffects: [
    'La demande est refusée et inscrite au journal d’audit de l’élection ; elle ne peut plus être décidée.',
    'Le votant en est informé par courriel, à son adresse enregistrée : rien n’a été envoyé, son code de vote est inchangé, et qui contacter.',
  ],
  approved: (login: string) => `Demande de ${login} approuvée.`,
  refused: (login: string) => `Demande de ${login} refusée ; le votant en est informé par courriel.`,
  toSend: 'Approuvées, en attente d’ouverture avec votre clé',
  send: (n: number) =>
    n === 1 ? 'Ouvrir 1 code de vote et l’envoyer' : `Ouvrir ${n} codes de vote et les envoyer`,
  sendTitle: 'Ouvrir les codes de vote avec votre clé et les envoyer ?',
  sendEffects: (n: number) => [
    n === 1
      ? 'Le code de vote d’une demande approuvée est ouvert dans ce navigateur avec votre clé.'
      : `Les codes de vote de ${n} demandes approuvées sont ouverts dans ce navigateur avec votre clé.`,
    'Chacun est vérifié d’après le code public de son votant, puis envoyé à la seule adresse enregistrée de ce votant ; le serveur l’oublie ensuite.',
    'Votre fichier de clé n’est pas envoyé.',
  ],
  sent: (sent: number, already: number) =>
    `${sent === 1 ? '1 code de vote envoyé' : `${sent} codes de vote envoyés`} aux adresses enregistrées des votants${already > 0 ? ` (${already} déjà envoyés auparavant)` : ''}.`,
  nothingToSend: 'Rien à ouvrir : aucune demande approuvée n’attend.',
  openFailed: (problem: string) =>
    `Les codes de vote n’ont pas pu être ouverts avec cette clé : ${problem}. Rien n’a été envoyé.`,
  history: 'Décidées',
  decidedStates: {
    rejected: 'refusée',
    completed: 'le même code de vote a été renvoyé',
  },
  historyLine: (login: string, state: string, when: string) => `${login} : ${state} (${when})`,
  dialogCancel: 'Annuler',
};
