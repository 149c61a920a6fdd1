/** French messages of the trustee's page, typed by the English area. */
import type { Messages } from '../en/index.js';

export const trustee: Messages['trustee'] = {
  loading: 'Chargement…',
  heading: 'Vos tâches de garant',
  signedInAs: (name: string) => `Connecté en tant que ${name}.`,
  signOut: 'Se déconnecter',
  network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  unexpected: 'Le serveur a donné une réponse inattendue. Réessayez dans un instant.',
  unexpectedError:
    'Un problème est survenu dans ce navigateur, et rien n’a été envoyé. Rechargez la page et réessayez.',
  checkAgain: 'Vérifier à nouveau',
  keyId: 'Identifiant de la clé',
  fingerprint: 'Empreinte',
  keysHeading: 'Votre clé',
  resultLink: 'Voir le résultat publié',
  state: {
    draft: 'L’élection est en préparation : les garants créent maintenant la clé de l’élection.',
    open: 'Le vote est ouvert.',
    closed: 'Le vote est clos ; le dépouillement chiffré n’est pas encore calculé.',
    tallied: 'Le dépouillement chiffré est prêt : les garants le déchiffrent maintenant.',
    published: 'Le résultat est publié.',
    annulled: 'Cette élection a été annulée : il n’y a plus rien à faire.',
  },
  signIn: {
    heading: 'Connexion garant',
    intro: 'Utilisez l’adresse électronique et le mot de passe de votre compte de garant.',
    email: 'Adresse électronique',
    password: 'Mot de passe',
    submit: 'Se connecter',
    progress: 'Connexion…',
    missing: 'Saisissez votre adresse électronique et votre mot de passe.',
  },
  unavailable: {
    heading: 'Cette page n’est pas disponible',
    notTrustee:
      'Votre compte n’est pas garant de cette élection. Déconnectez-vous et connectez-vous avec votre compte de garant.',
    notFound: 'Cette élection n’existe pas. Vérifiez le lien reçu.',
  },
  single: {
    heading: 'Votre clé de déchiffrement',
    intro:
      'Votre paire de clés est créée dans ce navigateur. Vous gardez la clé privée dans un fichier ; seule la clé publique est envoyée. Personne ne peut déchiffrer le résultat sans votre clé privée.',
    generate: 'Créer ma clé dans ce navigateur',
    generated:
      'Votre paire de clés est prête. Enregistrez maintenant le fichier de clé privée : il n’est envoyé nulle part et ne peut pas être recréé.',
    download: (file: string) => `Télécharger ma clé privée (${file})`,
    downloadHint:
      'Gardez-la en lieu sûr et privé (clé USB, gestionnaire de mots de passe). Elle sera nécessaire pour déchiffrer le résultat.',
    saved: (file: string) => `J’ai enregistré ${file} là où je le retrouverai.`,
    upload: 'Envoyer ma clé publique',
    saveFirst: 'Enregistrez d’abord votre fichier de clé privée, puis cochez la case pour le confirmer.',
    sending: 'Envoi de votre clé publique…',
    sent: 'Votre clé publique est enregistrée. Gardez votre fichier de clé privée jusqu’à la publication du résultat.',
    registered: 'Votre clé publique est enregistrée pour cette élection.',
    keep: (file: string) => `Gardez ${file} : il sera nécessaire pour déchiffrer le résultat.`,
  },
  threshold: {
    heading: 'Votre part de la clé de l’élection',
    intro: (threshold: number, trustees: number) =>
      `La clé de l’élection est partagée entre ${trustees} garants ; ${threshold} d’entre eux, quels qu’ils soient, peuvent ensemble déchiffrer le résultat. Elle est créée en trois étapes, chacune calculée dans votre navigateur à partir de votre fichier de clé.`,
    steps: { certificates: 'Certificat', polynomials: 'Polynôme', voutputs: 'Vérification' },
    stepDone: 'fait',
    stepLater: 'plus tard',
    yourTurn: 'à vous',
    waitingFor: (names: string) => `en attente de ${names}`,
    waiting:
      'Votre part de cette étape est faite. Cette page vérifie toutes les quelques secondes où en sont les autres garants.',
    done: (file: string) =>
      `La clé de l’élection est prête. Gardez ${file} : il sera nécessaire pour déchiffrer le résultat.`,
    member: (slot: number, file: string) =>
      `Vous êtes le garant ${slot} du groupe à seuil. Gardez ${file} jusqu’à la publication du résultat.`,
    explain: {
      cert: 'D’abord, créez votre fichier de clé dans ce navigateur et envoyez votre certificat (sa partie publique).',
      polynomial:
        'Tous les certificats sont arrivés. Calculez votre polynôme à partir de votre fichier de clé et envoyez-le.',
      voutput:
        'Tous les polynômes sont arrivés. Vérifiez les parts que les autres vous ont envoyées et envoyez vos données de vérification.',
    },
    generate: 'Créer mon fichier de clé',
    generated:
      'Votre fichier de clé est prêt. Enregistrez-le maintenant : il n’est envoyé nulle part et ne peut pas être recréé.',
    download: (file: string) => `Télécharger mon fichier de clé (${file})`,
    downloadHint:
      'Gardez-le en lieu sûr et privé. Il sera nécessaire pour les étapes suivantes et pour déchiffrer le résultat.',
    saved: (file: string) => `J’ai enregistré ${file} là où je le retrouverai.`,
    saveFirst: 'Enregistrez d’abord votre fichier de clé, puis cochez la case pour le confirmer.',
    send: {
      cert: 'Envoyer mon certificat',
      polynomial: 'Calculer et envoyer mon polynôme',
      voutput: 'Calculer et envoyer mes données de vérification',
    },
    sent: {
      cert: 'Votre certificat est enregistré.',
      polynomial: 'Votre polynôme est enregistré.',
      voutput: 'Vos données de vérification sont enregistrées.',
    },
    sending: 'Envoi…',
    computing: 'Calcul dans ce navigateur…',
    checkFailed:
      'Une vérification a échoué dans votre navigateur : les données d’un autre garant ne sont pas valides. Rien n’a été envoyé ; prévenez l’administrateur de l’élection.',
    chooseFile: 'Choisissez d’abord votre fichier de clé.',
    yourTurnNow: 'Les autres garants ont terminé cette étape : c’est à vous.',
    stillWaiting: 'Les autres garants n’ont pas encore terminé cette étape.',
  },
  files: {
    hint: 'Le fichier est lu dans ce navigateur seulement ; il n’est jamais envoyé.',
    thresholdLabel: (file: string) => `Votre fichier de clé (${file})`,
    decryptLabel: (files: string) => `Votre fichier de clé privée (${files})`,
    loaded: (file: string) => `Chargé : ${file}.`,
    notAKey: (file: string) => `${file} n’est pas un fichier de clé de garant.`,
    wrongKey: (file: string) =>
      `Ce fichier de clé n’est pas celui dont le certificat est enregistré pour vous : choisissez ${file}.`,
  },
  decrypt: {
    heading: 'Déchiffrer le dépouillement',
    intro:
      'Chargez votre fichier de clé privée : votre déchiffrement partiel du dépouillement chiffré est calculé dans ce navigateur, et seul le résultat (avec ses preuves) est envoyé. Le serveur le vérifie.',
    send: 'Calculer et envoyer mon déchiffrement partiel',
    computing: 'Calcul de votre déchiffrement partiel dans ce navigateur…',
    sending: 'Envoi de votre déchiffrement partiel…',
    accepted: 'Votre déchiffrement partiel a été vérifié et accepté.',
    done: 'Votre déchiffrement partiel est arrivé. Merci : vous n’avez plus rien à faire.',
    later:
      'Quand le vote sera terminé et le dépouillement chiffré prêt, revenez ici avec votre fichier de clé pour le déchiffrer.',
    chooseFile: 'Choisissez d’abord votre fichier de clé privée.',
    wrongKey:
      'Ce fichier de clé n’ouvre pas la clé de déchiffrement que le serveur garde pour vous : choisissez le fichier de clé de cette élection.',
    notYourKey:
      'Cette clé n’appartient à aucun garant de cette élection : choisissez le fichier de clé de cette élection.',
  },
  shuffle: {
    heading: 'Mélanger les bulletins',
    intro:
      'Cette élection comporte des questions à réponse par classement ou par notes. Ces réponses sont déchiffrées une à une : avant tout déchiffrement, chaque garant à son tour mélange les bulletins chiffrés et les rechiffre, avec une preuve que rien n’a été ajouté, retiré ni modifié ; dès qu’un garant honnête a mélangé, aucune réponse ne peut être rattachée à son votant. Le mélange est calculé dans ce navigateur et ne demande aucun fichier de clé : il n’utilise que la clé publique de l’élection.',
    yourTurn: (owner: number) => `C’est à vous de mélanger (garant ${owner}).`,
    waiting: (next: number) =>
      `Le garant ${next} mélange en ce moment. Votre tour vient après le sien ; cette page vérifie d’elle-même.`,
    send: 'Mélanger et envoyer',
    computing: 'Mélange en cours dans ce navigateur…',
    progressLabel: 'Avancement du mélange',
    progress: (percent: number) => `${percent} % effectués`,
    sending: 'Envoi de votre mélange…',
    accepted: 'Votre mélange a été vérifié et ajouté au tableau public.',
    done: 'Vous avez mélangé. Les autres garants mélangent à leur tour ; vous déchiffrerez ensuite ici.',
    skipped: 'L’administrateur a poursuivi sans votre mélange.',
    failed: 'Le mélange n’a pas pu être calculé dans ce navigateur.',
    decryptAfter: 'Le déchiffrement vient une fois que chaque garant a mélangé les bulletins.',
    refresh: 'Vérifier à nouveau',
  },
};
