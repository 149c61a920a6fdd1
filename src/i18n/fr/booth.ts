/** French messages of the voting booth, typed by the English area. */
import type { Messages } from '../en/index.js';
import { reponses } from './plural.js';

export const booth: Messages['booth'] = {
  brand: 'Scrutin',
  documentTitle: (step: string, election: string) => `${step} – ${election} – Scrutin`,
  languageSwitch: 'Langue',
  stepOf: (step: number, total: number) => `Étape ${step} sur ${total}`,
  loading: 'Chargement de l’élection…',
  closesAt: (date: string) => `Le vote ferme le ${date}.`,
  unavailable: {
    heading: 'Le vote n’est pas possible',
    draft: 'Le vote n’est pas encore ouvert.',
    closed: 'Le vote est clos.',
    annulled: 'Cette élection a été annulée.',
    notFound: 'Cette élection n’existe pas ou n’est pas encore ouverte. Vérifiez le lien que vous avez reçu.',
    invalidElection: 'Les données de l’élection sont illisibles : cette page ne peut pas chiffrer de vote.',
    unsupported:
      'Certaines questions de cette élection ne peuvent pas encore être traitées dans cet isoloir.',
  },
  network: 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.',
  unexpected: 'Le serveur a donné une réponse inattendue. Réessayez dans un instant.',
  signIn: {
    heading: 'Identifiez-vous',
    intro: 'Utilisez l’identifiant et le mot de passe reçus pour cette élection.',
    login: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    progress: 'Connexion…',
    missing: 'Saisissez votre identifiant et votre mot de passe.',
    codeToggle: 'Mot de passe perdu ou refusé ? Connectez-vous avec un code reçu par courriel',
    codeIntro:
      'Saisissez votre identifiant ci-dessus, puis demandez un code : il est envoyé à l’adresse enregistrée pour vous et vaut 10 minutes.',
    codeSend: 'M’envoyer un code de connexion',
    codeSent:
      'Si cet identifiant figure sur la liste électorale, un code a été envoyé à son adresse enregistrée. Il vaut 10 minutes.',
    codeLabel: 'Code reçu par courriel',
    codeSubmit: 'Me connecter avec ce code',
    codeMissing: 'Saisissez votre identifiant et le code reçu.',
    signedInAs: (name: string) => `Session ouverte au nom de ${name}.`,
  },
  credential: {
    heading: 'Votre code de vote',
    intro:
      'Saisissez le code de vote reçu séparément. Il reste dans ce navigateur, où il signe votre bulletin : il n’est jamais envoyé au serveur.',
    label: 'Code de vote',
    hint: 'Cinq groupes de trois lettres ou chiffres : XXX-XXX-XXX-XXX-XXX',
    prefilled: 'Rempli à partir du lien que vous avez ouvert. Vérifiez-le, puis continuez.',
    empty: 'Saisissez votre code de vote.',
    format:
      'Ce n’est pas un code de vote : il compte 15 lettres ou chiffres, écrits XXX-XXX-XXX-XXX-XXX, et n’utilise jamais 0, O, I ni l.',
    checksum:
      'Ce code contient une faute de frappe (son dernier caractère ne correspond pas aux autres). Comparez chaque caractère avec le code reçu.',
    submit: 'Continuer',
  },
  questions: {
    heading: 'Votre vote',
    questionNumber: (i: number, n: number) => `Question ${i} sur ${n}`,
    problemIn: (question: string, problem: string) => `${question} : ${problem}`,
    chooseExactly: (n: number) => `Choisissez ${reponses(n)}.`,
    chooseAtMost: (max: number) => `Choisissez jusqu’à ${reponses(max)}.`,
    chooseBetween: (min: number, max: number) => `Choisissez entre ${min} et ${max} réponses.`,
    orBlank: 'Vous pouvez aussi voter blanc.',
    blank: 'Voter blanc',
    candidatesOf: (list: string) => `Candidats de ${list}, dans l'ordre de la liste`,
    gender: { F: 'femme', M: 'homme' },
    tooFew: (min: number, blank: boolean) =>
      `Choisissez au moins ${reponses(min)}${blank ? ', ou votez blanc' : ''}.`,
    tooMany: (max: number) => `Choisissez au plus ${reponses(max)} : décochez des réponses.`,
    blankWithAnswers: 'Un vote blanc ne choisit aucune réponse : décochez les réponses ou « Voter blanc ».',
    summary: (count: number) =>
      count === 1 ? 'Une question demande votre attention.' : `${count} questions demandent votre attention.`,
    rejected: 'Ce vote ne correspond pas aux questions de l’élection.',
    submit: 'Vérifier mon vote',
  },
  review: {
    heading: 'Vérifiez et déposez votre vote',
    intro:
      'Votre vote est chiffré dans ce navigateur avant d’être envoyé : personne, pas même le serveur, ne peut le lire. Vous recevrez un numéro de suivi.',
    blankVote: 'Vote blanc',
    noAnswer: 'Aucune réponse',
    cast: 'Chiffrer et déposer mon vote',
    change: 'Modifier mes choix',
    encrypting: 'Chiffrement de votre vote dans ce navigateur…',
    sending: 'Envoi de votre bulletin chiffré…',
    failed:
      'Votre vote n’a pas pu être chiffré dans ce navigateur, et rien n’a été envoyé. Rechargez la page et réessayez.',
    signInAgain: 'Votre session a pris fin. Identifiez-vous à nouveau ; vos choix sont conservés.',
    uncertain:
      'Nous n’avons pas pu confirmer l’enregistrement de votre bulletin. Réessayez : le même bulletin chiffré sera renvoyé.',
  },
  ranked: {
    rankRule: (n: number) =>
      `Donnez un rang à chaque candidat : 1 pour votre premier choix, 2 pour le suivant, et ainsi de suite (jusqu’à ${n}). Un candidat « Non classé » passe après tous les candidats classés.`,
    rankTiesAllowed: 'Deux candidats peuvent avoir le même rang.',
    rankNoTies: 'Utilisez chaque rang une seule fois, à partir de 1, sans en sauter.',
    gradeRule: (grades: string) => `Donnez une mention à chaque candidat : ${grades} (la meilleure d’abord).`,
    orBlank: 'Vous pouvez voter blanc à la place.',
    notRanked: 'Non classé',
    rank: (r: number) => (r === 1 ? '1er' : `${r}e`),
    yourRanking: 'Votre classement pour l’instant',
    nothingRanked: 'Aucun candidat classé pour l’instant.',
    incomplete: 'Donnez une mention à chaque candidat.',
    notConsecutive: 'Les rangs doivent être 1, 2, 3… chacun une fois, sans trou.',
    outOfRange: 'Un rang ou une mention ne fait pas partie de ceux proposés.',
    blankNotAllowed: 'Classez au moins un candidat : le vote blanc n’est pas permis pour cette question.',
    blankWithValues:
      'Un vote blanc ne classe ni ne note personne : effacez les rangs ou les mentions, ou décochez « Voter blanc ».',
    reviewRank: (rank: number, candidates: string) => `${rank}. ${candidates}`,
    reviewNotRanked: (candidates: string) => `Non classés : ${candidates}`,
    reviewGrade: (candidate: string, grade: string) => `${candidate} : ${grade}`,
  },
  confirmation: {
    heading: 'Votre vote a été déposé',
    recorded: 'Votre bulletin chiffré a été enregistré par le serveur.',
    alreadyRecorded: 'Le serveur avait déjà enregistré ce même bulletin chiffré.',
    trackerLabel: 'Votre numéro de suivi',
    matches: 'Votre navigateur a calculé le même numéro de suivi à partir du bulletin qu’il a chiffré.',
    mismatch: (server: string) =>
      `Attention : le serveur a renvoyé un autre numéro de suivi (${server}). Conservez les deux numéros et contactez les organisateurs de l’élection.`,
    keep: 'Conservez ce numéro. Il vous permet de vérifier que votre bulletin figure sur le tableau public des bulletins et qu’il est compté, sans révéler votre vote.',
    boardLink: 'Retrouver mon bulletin sur le tableau public',
    copy: 'Copier le numéro de suivi',
    copied: 'Numéro de suivi copié.',
    copyFailed: 'Ce navigateur n’a pas permis la copie\u00a0: sélectionnez le numéro et copiez-le.',
  },
};
