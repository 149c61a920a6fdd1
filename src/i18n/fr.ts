/**
 * Messages en français. Typed by the English catalogue: a missing or extra key is a compile error.
 * French punctuation uses a no-break space (U+00A0) before « : ; ? ! » so it never wraps alone.
 */
import type { Messages } from './en.js';

const reponses = (n: number) => (n <= 1 ? `${n} réponse` : `${n} réponses`);

export const fr: Messages = {
  language: { code: 'fr', name: 'Français' },
  booth: {
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
      notFound:
        'Cette élection n’existe pas ou n’est pas encore ouverte. Vérifiez le lien que vous avez reçu.',
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
      tooFew: (min: number, blank: boolean) =>
        `Choisissez au moins ${reponses(min)}${blank ? ', ou votez blanc' : ''}.`,
      tooMany: (max: number) => `Choisissez au plus ${reponses(max)} : décochez des réponses.`,
      blankWithAnswers: 'Un vote blanc ne choisit aucune réponse : décochez les réponses ou « Voter blanc ».',
      summary: (count: number) =>
        count === 1
          ? 'Une question demande votre attention.'
          : `${count} questions demandent votre attention.`,
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
    },
  },
  trustee: {
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
  },
  // section: trustee (one block per area; keep this marker line)
  electionPage: {
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
      several:
        'Chaque votant pouvait choisir plusieurs réponses : les parts peuvent dépasser 100 % au total.',
      caption: (question: string) => `Résultat : ${question}`,
      answer: 'Réponse',
      votes: 'Voix',
      weightedVotes: 'Voix (pondérées)',
      share: 'Part',
      chart: 'Graphique en barres',
      blank: 'Vote blanc',
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
  },
  // section: election-page (one block per area; keep this marker line)
  admin: {
    pageTitle: 'Administration',
    signedInAs: (name: string) => `Session ouverte au nom de ${name}.`,
    signOut: 'Se déconnecter',
    lineProblem: (line: number, problem: string) => `Ligne ${line} : ${problem}`,
    cancel: 'Annuler',
    loading: 'Chargement…',
    saved: 'Enregistré.',
    yes: 'oui',
    no: 'non',
    signIn: {
      heading: 'Identifiez-vous',
      intro: 'Identifiez-vous avec l’adresse électronique et le mot de passe de votre compte Scrutin.',
      email: 'Adresse électronique',
      password: 'Mot de passe',
      submit: 'Se connecter',
      progress: 'Connexion…',
      missing: 'Saisissez votre adresse électronique et votre mot de passe.',
    },
    states: {
      draft: 'Brouillon (en préparation)',
      open: 'Ouverte au vote',
      closed: 'Close (urne scellée)',
      tallied: 'Dépouillée (en attente des garants)',
      published: 'Résultat publié',
      annulled: 'Annulée',
    },
    home: {
      heading: 'Vos organisations',
      none: 'Votre compte n’administre aucune organisation. Demandez à l’opérateur de la plateforme, ou ouvrez le lien de l’élection pour laquelle vous avez reçu un rôle.',
      elections: 'Élections',
      noElections: 'Aucune élection pour l’instant.',
      electionName: 'Élection',
      state: 'État',
      closes: 'Clôture',
      create: 'Créer une élection',
      name: 'Nom de l’élection',
      description: 'Description (affichée aux votant·es)',
      timeZone: 'Fuseau horaire des dates',
      timeZoneHint: 'Un nom IANA comme Europe/Paris : les dates sont saisies et affichées dans ce fuseau.',
      badTimeZone: 'Ce fuseau horaire est inconnu : utilisez un nom comme Europe/Paris ou America/Montreal.',
      nameMissing: 'Donnez un nom à l’élection.',
      createSubmit: 'Créer l’élection (brouillon)',
      created: (name: string) => `Élection « ${name} » créée en brouillon.`,
      members: 'Membres',
      memberName: 'Nom',
      memberEmail: 'Adresse électronique',
      memberRoles: 'Rôles',
      orgAdmin: 'administrateur·rice de l’organisation',
      roleOn: (role: string, election: string) => `${role} de ${election}`,
      addMember: 'Ajouter une personne',
      addMemberIntro:
        'Les garants, scrutateurs et autres administrateurs se connectent avec leur propre compte. Choisissez un mot de passe initial et remettez-le en privé à la personne : il n’est conservé que sous forme d’empreinte.',
      initialPassword: 'Mot de passe initial (au moins 10 caractères)',
      makeOrgAdmin: 'Administrateur·rice de l’organisation (peut gérer toutes ses élections)',
      addMemberSubmit: 'Ajouter cette personne',
      memberAdded: (name: string) => `${name} a été ajouté·e.`,
      memberMissing:
        'Saisissez un nom, une adresse électronique et un mot de passe initial d’au moins 10 caractères.',
    },
    roles: {
      'election-admin': 'administrateur·rice de l’élection',
      'credential-authority': 'autorité de codes de vote',
      trustee: 'garant',
      scrutineer: 'scrutateur·rice',
    } as Record<string, string>,
    election: {
      back: 'Toutes les élections',
      links: 'Pages de cette élection',
      publicPage: 'Page publique',
      booth: 'Isoloir',
      console: 'Console des scrutateurs',
      trusteePage: 'Page des garants',
      sealed: 'Empreintes scellées',
      fingerprint: 'Empreinte de l’élection',
      trusteesHash: 'Empreinte des garants',
      credentialsHash: 'Empreinte des codes de vote',
      annulledBecause: (reason: string) => `Annulée : ${reason}`,
      readOnly: 'L’élection est ouverte ou terminée : ses réglages sont figés et affichés en lecture seule.',
    },
    questions: {
      heading: 'Questions',
      none: 'Aucune question pour l’instant.',
      question: (n: number) => `Question ${n}`,
      text: 'Question',
      answers: 'Réponses (une par ligne)',
      min: 'Nombre minimum de réponses',
      max: 'Nombre maximum de réponses',
      blank: 'Le vote blanc est permis',
      add: 'Ajouter une question',
      remove: (n: number) => `Supprimer la question ${n}`,
      save: 'Enregistrer les questions',
      rule: (min: number, max: number, blank: boolean) =>
        `${min === max ? `${reponses(min)} exactement` : `Entre ${min} et ${max} réponses`}${blank ? ', ou vote blanc' : ''}.`,
      invalid: (n: number, problem: string) => `Question ${n} : ${problem}`,
      needText: 'écrivez la question',
      needAnswers: 'donnez au moins une réponse',
      badBounds: 'le minimum doit être entre 0 et le maximum, le maximum au plus égal au nombre de réponses',
      nonHomomorphic:
        'Cette question se répond par un classement ou par des notes (non homomorphe). Ces questions ne sont pas encore disponibles : leurs bulletins devraient être mélangés avant le déchiffrement, sinon les réponses de chaque votant pourraient lui être rattachées. Supprimez-la : l’élection ne peut pas être ouverte avec elle.',
    },
    schedule: {
      heading: 'Dates',
      opens: 'Ouverture du vote',
      closes: 'Clôture du vote',
      hint: 'Dates dans le fuseau ci-dessus. Laissez vide pour ouvrir et clore à la main.',
      save: 'Enregistrer les dates',
      badDate: 'Saisissez des dates et heures complètes.',
    },
    voters: {
      heading: 'Votant·es',
      count: (n: number) => (n <= 1 ? `${n} votant·e.` : `${n} votant·es.`),
      none: 'Aucun·e votant·e pour l’instant.',
      csv: 'Liste des votant·es (CSV : email,identifiant,poids,nom[,langue])',
      csvHint:
        'Une personne par ligne. L’import remplace toute la liste ; si une ligne contient une erreur, rien n’est importé et chaque erreur est listée.',
      file: 'Ou choisissez un fichier CSV',
      import: 'Importer la liste',
      confirmTitle: 'Remplacer la liste des votant·es ?',
      confirmEffects: (lines: number) => [
        `Les ${lines} lignes de la liste sont vérifiées ; la moindre erreur annule tout l’import.`,
        'La liste actuelle, et les codes de vote déjà attribués, sont remplacés.',
      ],
      imported: (n: number) => `${n} votant·es importé·es.`,
      empty: 'Collez ou choisissez d’abord une liste.',
      login: 'Identifiant',
      name: 'Nom',
      email: 'Adresse électronique',
      weight: 'Poids',
      credential: 'Code de vote attribué',
      delivery: 'Envoi',
      table: 'Tableau des votant·es (défile horizontalement)',
    },
    trustees: {
      heading: 'Garants (qui peuvent déchiffrer le résultat)',
      current: 'Garants actuels',
      none: 'Aucun garant : l’élection ne peut pas ouvrir sans.',
      fingerprint: 'empreinte de la clé',
      choose: 'Ajouter des garants',
      server: 'Clé du serveur — le mode le plus faible',
      serverExplain:
        'La plateforme génère et détient la clé de déchiffrement : qui exploite le serveur pourrait déchiffrer seul. À réserver aux essais et aux votes à faible enjeu.',
      serverSubmit: 'Utiliser une clé du serveur',
      serverConfirm: 'Confier une clé de déchiffrement au serveur ?',
      serverEffects: [
        'Le serveur génère une paire de clés et conserve la clé privée.',
        'L’opérateur de la plateforme pourrait alors déchiffrer seul le résultat ; la page publique l’indique.',
      ],
      single: 'Garant unique — une clé externe',
      singleExplain:
        'Une personne génère une paire de clés sur son propre ordinateur (page des garants ou scrutin-tool) et ne vous transmet que la clé publique. La clé privée n’atteint jamais le serveur.',
      singleName: 'Nom du garant',
      singleKey: 'Clé publique du garant (JSON)',
      singleSubmit: 'Ajouter ce garant',
      singleConfirm: 'Ajouter la clé publique de ce garant ?',
      singleEffects: (name: string) => [
        `La clé de ${name} est vérifiée (preuve de connaissance) puis ajoutée.`,
        `${name} devra déchiffrer le résultat avec sa clé privée après la clôture.`,
      ],
      singleMissing: 'Saisissez le nom du garant et collez sa clé publique.',
      threshold: 'Garants à seuil — Pedersen, k parmi n',
      thresholdExplain:
        'n garants génèrent chacun leur part de la clé dans leur navigateur. Personne ne peut déchiffrer seul ; k d’entre eux, quels qu’ils soient, le peuvent ensemble : jusqu’à n − k peuvent être absents au dépouillement.',
      thresholdPeople: 'Garants (personnes de l’organisation)',
      thresholdK: 'Combien sont nécessaires pour déchiffrer (k)',
      thresholdSubmit: 'Déclarer le groupe à seuil',
      thresholdConfirm: (k: number, n: number) => `Déclarer ${k} garants nécessaires parmi ${n} ?`,
      thresholdEffects: (k: number, n: number) => [
        `Les ${n} personnes choisies deviennent garants de cette élection et doivent chacune générer sa clé sur la page des garants.`,
        `${k} d’entre elles seront nécessaires pour déchiffrer le résultat ; personne ne peut déchiffrer seul.`,
      ],
      thresholdInvalid: 'Choisissez au moins 2 personnes, et k entre 1 et le nombre de personnes choisies.',
      noPeople: 'Ajoutez d’abord les garants comme personnes de l’organisation (page d’accueil).',
      progress: 'Établissement de la clé',
      step: (step: string) => `Étape en cours : ${step}.`,
      steps: {
        certificates: 'certificats',
        polynomials: 'polynômes',
        voutputs: 'données de vérification',
        done: 'terminé\u00a0: la clé de l’élection est prête',
      } as Record<string, string>,
      slot: (slot: number, name: string) => `Garant ${slot} : ${name}`,
      certificate: 'certificat',
      polynomial: 'polynôme',
      voutput: 'vérification',
      done: 'fait',
      waiting: 'en attente',
      kinds: {
        server: 'clé du serveur (le plus faible)',
        single: 'garant unique',
        pedersen: 'groupe à seuil',
      } as Record<string, string>,
    },
    credentials: {
      heading: 'Codes de vote',
      mode: (mode: string) => `Mode actuel : ${mode}.`,
      server: 'Le serveur comme autorité de codes de vote',
      serverExplain:
        'Le serveur génère le code de vote de chaque personne, l’envoie à elle seule et n’en garde que la partie publique. Protège contre : quiconque voterait plus tard à la place d’une personne (aucun code privé n’est conservé). Risque résiduel : un code intercepté pendant l’envoi reste utilisable tant que la personne ne revote pas.',
      serverUnavailable:
        'L’envoi des codes depuis ces pages nécessite le service d’envoi, que ce serveur ne propose pas encore.',
      generate: 'Générer et envoyer les codes de vote',
      generateConfirm: 'Générer et envoyer les codes de vote ?',
      generateEffects: (n: number) => [
        `Un code est généré pour chacune des ${n} personnes et mis en file d’envoi pour elle seule.`,
        'Le serveur ne garde que les codes publics ; les codes privés sont oubliés une fois envoyés.',
      ],
      generated: 'Codes générés et mis en file d’envoi.',
      external: 'Une autorité de codes de vote externe',
      externalExplain:
        'Une personne indépendante de la plateforme génère les codes hors ligne avec scrutin-tool, les envoie aux votant·es et ne téléverse ici que les codes publics. Protège contre : une plateforme compromise qui voterait à la place de quelqu’un. Risque résiduel : cette personne pourrait voter pour celles et ceux qui ne votent pas — surveillez la liste d’émargement et la participation.',
      publicCredentials: 'Codes publics (une ligne « code,poids,identifiant » par personne)',
      upload: 'Téléverser les codes publics',
      uploadByAuthority:
        'Seule l’autorité de codes de vote de cette élection téléverse ses codes publics (faits avec scrutin-tool setup generate-credentials), sur sa propre page ; un administrateur de l’élection ne le peut pas, et ne peut pas détenir ce rôle. Donnez-lui cette adresse :',
      uploadConfirm: 'Téléverser ces codes publics ?',
      uploadEffects: (n: number) => [
        `${n} codes publics sont vérifiés et associés aux identifiants des votant·es.`,
        'Comparez ensuite l’empreinte affichée avec celle que l’autorité a obtenue.',
      ],
      fingerprint: (f: string) =>
        `Empreinte des codes publics : ${f}. Vérifiez-la avec l’autorité de codes de vote.`,
      withCredential: (n: number, total: number) => `${n} personnes sur ${total} ont un code de vote.`,
      current: 'le mode de cette élection',
      protects: 'Protège\u00a0:',
      residualRisk: 'Risque résiduel\u00a0:',
      recoveryPath: 'Si un votant perd son code\u00a0:',
      recoveryChoice: {
        escrow: 'Récupération\u00a0: les codes sont scellés avec la clé du responsable de la récupération.',
        none: 'Récupération\u00a0: aucune (choix explicite).',
        undecided:
          'Récupération\u00a0: pas encore choisie. Avant la génération des codes de vote, choisissez « pas de récupération » ci-dessous, ou demandez au responsable de la récupération d’envoyer sa clé.',
      } as Record<string, string>,
      officerKey: (fingerprint: string) => `Empreinte de la clé du responsable\u00a0: ${fingerprint}.`,
      recoveryHint:
        'Pour permettre la récupération, donnez le rôle d’autorité de codes de vote à une personne qui n’administre pas la plateforme\u00a0: elle téléverse sa clé de récupération (créée avec scrutin-tool recovery generate-key) avant la génération des codes.',
      noRecovery: 'Choisir l’absence de récupération',
      noRecoveryConfirm: 'Mener cette élection sans récupération des codes\u00a0?',
      noRecoveryEffects: [
        'Une personne qui perd son code après l’ouverture ne pourra pas voter.',
        'Avant l’ouverture, un code perdu peut encore être remplacé.',
      ],
      uploadHeading: 'Codes publics d’une autorité de codes de vote externe',
      authorityTitle: 'Autorité de codes de vote',
      authorityIntro:
        'Collez ici les codes publics que vous avez faits hors ligne avec scrutin-tool setup generate-credentials : le contenu du fichier .pubcreds, ou une ligne « code,poids,identifiant » par personne. Gardez les codes privés pour vous : envoyez-les aux votant·es, jamais à ce serveur.',
      authorityFingerprint: (f: string) =>
        `Empreinte des codes publics : ${f}. Vérifiez que c’est celle affichée par scrutin-tool.`,
      authoritySignIn:
        'Identifiez-vous avec le compte qui a reçu le rôle d’autorité de codes de vote pour cette élection.',
      authorityNotDraft: 'Cette élection n’est plus en préparation : ses codes publics sont scellés.',
      modes: {
        server: 'serveur comme autorité de codes de vote',
        external: 'autorité de codes de vote externe',
      } as Record<string, string>,
    },
    delivery: {
      heading: 'Envoi des codes de vote et des mots de passe',
      unavailable: 'Le suivi des envois n’est pas encore disponible sur ce serveur.',
      counts: 'Messages par état',
      message: 'Message',
      kinds: { credential: 'Code de vote', password: 'Mot de passe' } as Record<string, string>,
      statuses: {
        queued: 'en file',
        sending: 'en cours',
        sent: 'envoyé',
        failed: 'échec',
        superseded: 'remplacé',
        none: 'aucun',
      } as Record<string, string>,
      summary: (voters: number, loggedIn: number, accessChecked: number, voted: number) =>
        `${voters} votant·es : ${loggedIn} se sont connecté·es au moins une fois, ${accessChecked} ont testé leur accès, ${voted} ont voté.`,
      table: 'Envois par votant·e (défile horizontalement)',
      helpColumn: 'Aide',
      signedIn: 'Connecté·e',
      accessTested: 'Accès testé',
      voted: 'A voté',
      credentialsQueued: (n: number, fingerprint: string) =>
        `${n} messages de code de vote en file d’envoi. Empreinte des codes publics : ${fingerprint}.`,
      passwords: 'Envoyer les mots de passe maintenant',
      passwordsConfirm: 'Envoyer maintenant son mot de passe à chaque votant·e ?',
      passwordsEffects: (n: number) => [
        `Un mot de passe est généré pour chacune des ${n} personnes et envoyé dans un message à part, séparé du code de vote.`,
        'Les mots de passe ne sont conservés que sous forme d’empreinte.',
      ],
      resend: 'Renvoyer aux votant·es jamais connecté·es',
      resendConfirm: (n: number) => `Renvoyer le message d’accès à ${n} votant·es ?`,
      resendEffects: (n: number) => [
        `${n} personnes qui ont un code de vote mais ne se sont jamais connectées reçoivent à nouveau leur message d’accès.`,
        'Celles qui se sont déjà connectées ne reçoivent rien.',
      ],
      settings: 'Connexion des votant·es',
      loginMode: 'Secret de connexion',
      loginModeHint: 'Figé à l’ouverture du vote.',
      modePassword: 'Un mot de passe, envoyé dans un second message',
      modeCode: 'Un code à usage unique, envoyé quand la personne le demande',
      delay: 'Minutes entre le message du code de vote et celui du mot de passe',
      delayHint: 'Les deux secrets voyagent séparément\u00a0; 0 envoie les deux ensemble.',
      badDelay: 'Indiquez un nombre entier de minutes entre 0 et 10080 (une semaine).',
      help: 'Contact d’aide indiqué dans les messages',
      language: 'Langue des votant·es qui n’en ont pas',
      languages: { fr: 'français', en: 'anglais' } as Record<string, string>,
      saveSettings: 'Enregistrer la connexion des votant·es',
      queued: (n: number) => `${n} messages en file d’envoi.`,
    },
    recovery: {
      replace: (login: string) => `Remplacer le code de ${login}`,
      replaceConfirm: (login: string) => `Remplacer le code de vote de ${login}\u00a0?`,
      replaceEffects: [
        'Un nouveau code est généré et envoyé à la seule adresse enregistrée de la personne.',
        'L’ancien code cesse de fonctionner. C’est possible seulement avant l’ouverture.',
      ],
      replaced: (login: string) => `Un nouveau code de vote part vers ${login}.`,
      ask: (login: string) => `Demander la récupération pour ${login}`,
      askConfirm: (login: string) => `Déposer une demande de récupération pour ${login}\u00a0?`,
      askEffects: [
        'Le responsable de la récupération doit l’approuver\u00a0; le même code est alors renvoyé à la seule adresse enregistrée.',
        'La demande est inscrite au journal d’audit.',
      ],
      asked: (login: string) =>
        `Récupération demandée pour ${login}\u00a0: le responsable de la récupération doit l’approuver.`,
    },
    people: {
      heading: 'Rôles sur cette élection',
      none: 'Personne n’a encore de rôle sur cette élection.',
      person: 'Personne',
      role: 'Rôle',
      grant: 'Attribuer le rôle',
      granted: (name: string, role: string) => `${name} est maintenant ${role}.`,
    },
    actions: {
      heading: 'Actions sur l’élection',
      none: 'Aucune action n’est possible dans cet état.',
      open: 'Ouvrir l’élection',
      openEffects: [
        'Les questions, la liste des votant·es, les clés des garants et les codes publics sont figés dans l’événement public Setup ; leurs empreintes sont scellées et affichées.',
        'Le vote est possible dès maintenant ; plus rien de la configuration ne pourra changer.',
      ],
      close: 'Clore l’urne',
      closeEffects: [
        'Plus aucun bulletin n’est accepté.',
        'Les scrutateurs peuvent consulter la liste d’émargement (qui a voté, jamais comment).',
        'Étape suivante : calculer le dépouillement chiffré.',
      ],
      extend: 'Prolonger le vote',
      extendEffects: [
        'Le vote reste ouvert jusqu’à la nouvelle heure de clôture.',
        'Le changement est inscrit au journal d’audit.',
      ],
      newClosing: 'Nouvelle heure de clôture',
      tally: 'Calculer le dépouillement chiffré',
      tallyEffects: [
        'Les bulletins comptés sont additionnés sans être déchiffrés ; le total chiffré est publié sur le tableau public.',
        'Les garants déchiffrent ensuite leur part sur leur page.',
      ],
      publish: 'Publier le résultat',
      publishEffects: [
        'Les déchiffrements partiels des garants sont vérifiés et combinés ; le résultat est écrit sur le tableau public et affiché sur la page publique.',
        'Cette action est irréversible.',
      ],
      annul: 'Annuler l’élection',
      annulEffects: [
        'L’élection s’arrête définitivement et aucun résultat ne sera jamais affiché.',
        'La raison est affichée sur la page publique et inscrite au journal d’audit. Cette action est irréversible.',
      ],
      reason: 'Raison de l’annulation (affichée publiquement)',
      reasonMissing: 'Donnez une raison d’au moins 5 caractères.',
      confirm: (action: string) => `${action} ?`,
      done: (state: string) => `C’est fait. L’élection est maintenant : ${state}.`,
    },
  },
  // section: admin (one block per area; keep this marker line)
  scrutineer: {
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
  },
  // section: scrutineer (one block per area; keep this marker line)
  mail: {
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
    login: (login: string) => `Votre identifiant : ${login}`,
    help: (contact: string) => `Questions ou problèmes : ${contact}`,
    signature: 'Ce message a été envoyé automatiquement par Scrutin ; merci de ne pas y répondre.',
    credential: {
      subject: (election: string) => `Votre code de vote – ${election}`,
      recoverySubject: (election: string) => `Votre code de vote (nouvel envoi) – ${election}`,
      recoveryIntro: 'Comme demandé, voici de nouveau votre code de vote ; c’est le même qu’avant.',
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
  },
  // section: mail (one block per area; keep this marker line)
  roll: {
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
  },
  congressPages: {
    reportRefusal: { title: 'Procès-verbal', back: 'Retour à l’administration' },
    consultations: 'Consultations',
    noConsultations: 'Aucune consultation pour l’instant.',
    roundN: (n: number) => `${n}${n === 1 ? 'er' : 'e'} tour`,
    roundHeading: (n: number) => `${n === 1 ? 'Premier' : n === 2 ? 'Second' : `${n}e`} tour`,
    boxCount: (n: number) => (n <= 1 ? `${n} urne` : `${n} urnes`),
    openConsultation: (name: string) => `Ouvrir la consultation ${name}`,
    otherElections: 'Élections hors consultation',
    back: 'Retour à vos organisations',
    loading: 'Chargement de la consultation…',
    create: {
      summary: 'Nouvelle consultation (une urne par fédération)',
      intro:
        'Une consultation pose les mêmes questions dans plusieurs urnes (une par fédération, par exemple) et additionne leurs résultats vérifiés.',
      template: 'Modèle',
      templates: {
        leader:
          'Élection d’un ou d’une responsable : un choix parmi les candidatures, deux tours (les 2 premiers passent sauf si une candidature dépasse 50 %)',
        motion: 'Motion : pour ou contre, un seul tour',
      } as Record<string, string>,
      name: 'Nom de la consultation',
      description: 'Description de la consultation (affichée aux votants)',
      timeZone: 'Fuseau horaire de la consultation',
      boxes: 'Urnes, une fédération par ligne',
      boxesHint: 'Chaque ligne devient une urne avec sa propre liste électorale, par exemple « Paris ».',
      question: 'Question',
      answers: 'Candidatures ou réponses, une par ligne',
      blank: 'Les votants peuvent voter blanc',
      rule: 'Deux tours : un second tour suit quand personne n’est élu au premier',
      qualifying: 'Candidatures qualifiées pour le second tour (les N premières)',
      majority: 'Élu au premier tour avec strictement plus de ce % des suffrages exprimés',
      minimum: 'Qualifiées aussi : les candidatures ayant au moins ce % (vide : aucune)',
      blankCounted:
        'Les votes blancs comptent dans les suffrages sur lesquels les pourcentages sont calculés',
      serverTrustee:
        'Le serveur détient la clé de déchiffrement de chaque urne (le mode le plus faible ; on peut plutôt ajouter des garants sur la page de chaque urne)',
      submit: 'Créer la consultation',
      missing: 'Indiquez un nom, au moins une urne, une question et au moins deux réponses.',
      badNumber:
        'La règle des tours demande des nombres entiers : N au moins 1, pourcentages entre 0 et 100.',
      created: (name: string) => `La consultation ${name} a été créée.`,
    },
    header: {
      round: (n: number) => `${n === 1 ? 'Premier' : n === 2 ? 'Second' : `${n}e`} tour`,
      previous: (n: number) => `Ceci est le tour ${n}. Voir le tour ${n - 1}.`,
      previousLink: (n: number) => `Tour ${n} de cette consultation`,
      next: (n: number) => `Le tour ${n} a été préparé :`,
      nextLink: (n: number) => `ouvrir le tour ${n}`,
      rule: (top: number, majority: string, minimum: string | null, blank: boolean) =>
        `Règle des tours : élu avec plus de ${majority} des suffrages exprimés ; sinon les ${top} premières candidatures${minimum ? ` et celles ayant au moins ${minimum}` : ''} sont qualifiées ; votes blancs ${blank ? 'comptés' : 'non comptés'} dans les suffrages.`,
      noRule: 'Dernier tour : aucun autre tour ne suit.',
      trusteesNote:
        'Les urnes du second tour gardent les clés des garants à clé individuelle ; une clé serveur est générée à nouveau, et les groupes à seuil doivent refaire une clé sur la page de chaque urne.',
    },
    roll: {
      heading: 'Liste électorale de toutes les urnes',
      intro:
        'Un seul CSV pour toute la consultation : federation,email,login,weight,name[,language]. La fédération est le nom d’une urne. Rien n’est importé si le fichier contient une erreur ; une urne absente du fichier garde sa liste.',
      file: 'Fichier CSV',
      text: 'Ou collez le CSV ici',
      submit: 'Importer la liste',
      empty: 'Choisissez d’abord un fichier ou collez le CSV.',
      imported: (parts: string) => `Liste importée : ${parts}.`,
      part: (box: string, n: number) => `${box} ${n}`,
      frozen: 'Les listes sont figées : certaines urnes ne sont plus en préparation.',
    },
    boxes: {
      heading: 'Urnes',
      table: 'Tableau des urnes (défile horizontalement)',
      federation: 'Fédération',
      channel: 'Canal',
      state: 'État',
      voters: 'Votants inscrits',
      turnout: 'Participation',
      delivery: 'Codes envoyés',
      verification: 'Vérification',
      actions: 'Actions',
      online: 'en ligne',
      paper: 'papier (non vérifiable cryptographiquement)',
      entered: 'saisie manuelle',
      turnoutValue: (voted: number, voters: number) => `${voted} / ${voters}`,
      deliveryValue: (sent: number, failed: number, voters: number) =>
        failed > 0 ? `${sent} / ${voters} (${failed} en échec)` : `${sent} / ${voters}`,
      status: {
        counted: 'vérifiée et comptée',
        annulled: 'annulée, non comptée',
        pending: 'pas encore publiée',
        unverified: 'échec de la vérification : non comptée',
      } as Record<string, string>,
      annulledBecause: (reason: string) => `Annulée : ${reason}`,
      replaces: (label: string) => `nouveau scrutin de l’urne annulée ${label}`,
      replacedBy: 'remplacée par un nouveau scrutin',
      all: 'Toutes les urnes à la fois',
      allHint:
        'Chaque bouton fait passer l’étape à toutes les urnes qui le peuvent ; les autres restent telles quelles et sont signalées.',
      step: {
        credentials: 'Générer et envoyer les codes de vote',
        open: 'Ouvrir',
        close: 'Fermer',
        tally: 'Dépouiller',
        publish: 'Publier',
      } as Record<string, string>,
      allStep: {
        credentials: 'Générer et envoyer les codes de vote de chaque urne en préparation',
        open: 'Ouvrir toutes les urnes',
        close: 'Fermer toutes les urnes',
        tally: 'Dépouiller toutes les urnes',
        publish: 'Publier toutes les urnes',
      } as Record<string, string>,
      oneStep: (step: string, box: string) => `${step} : ${box}`,
      effects: {
        credentials: [
          'Le serveur génère un code de vote pour chaque votant de l’urne et l’envoie à ce seul votant.',
          'Personne, vous compris, ne voit de code ; les codes publics des votants sont fixés dans l’urne.',
        ],
        open: [
          'Les questions, la liste électorale et les clés de l’urne sont figées dans sa configuration publique.',
          'Les votants peuvent voter dès maintenant.',
        ],
        close: ['Plus personne ne peut voter dans l’urne.', 'L’urne est scellée ; c’est irréversible.'],
        tally: [
          'Les bulletins chiffrés sont additionnés ; les garants peuvent ensuite déchiffrer le résultat.',
        ],
        publish: [
          'Les déchiffrements des garants sont combinés et le résultat de l’urne est publié avec son archive.',
          'L’urne compte alors dans le résultat consolidé, une fois son archive vérifiée.',
        ],
      } as Record<string, readonly string[]>,
      which: (labels: string) => `Urnes concernées : ${labels}.`,
      noneCan: 'Aucune urne ne peut passer cette étape maintenant.',
      confirm: (action: string) => `${action} ?`,
      moved: (n: number) => (n <= 1 ? `${n} urne a changé d’état.` : `${n} urnes ont changé d’état.`),
      refused: (label: string, reason: string) => `${label} : ${reason}`,
      refusal: {
        SCR_NO_VOTERS: 'Importez d’abord la liste des votants.',
        SCR_NOT_DECRYPTED: 'Tous les garants nécessaires n’ont pas encore déchiffré le dépouillement.',
        SCR_INVALID_SETUP: 'L’urne n’est pas prête à être ouverte.',
        SCR_WRONG_STATE: 'L’urne n’est pas dans un état qui permet cela.',
        SCR_RECOVERY_CHOICE_NEEDED:
          'Choisissez d’abord le mode de récupération des codes sur la page de l’urne.',
        SCR_INVALID_CREDENTIALS: 'Les codes de vote publics contiennent des erreurs.',
      } as Record<string, string>,
      done: (action: string, box: string) => `Fait : ${action} — ${box}.`,
      annul: 'Annuler l’urne',
      annulTitle: (box: string) => `Annuler l’urne ${box} ?`,
      annulEffects: [
        'L’urne est exclue du résultat consolidé ; elle reste affichée avec ses chiffres et le motif.',
        'Si elle n’est pas encore publiée, son élection est annulée aussi : le vote s’y arrête.',
        'Elle peut ensuite être remplacée une fois, par un nouveau scrutin en ligne ou une urne papier.',
      ],
      reason: 'Motif de l’annulation (affiché partout où l’urne apparaît)',
      reasonMissing: 'Indiquez le motif (au moins 5 caractères).',
      annulled: (box: string) => `L’urne ${box} est annulée.`,
      rerun: 'Refaire le scrutin',
      rerunTitle: (box: string) => `Refaire en ligne le scrutin de l’urne ${box} ?`,
      rerunEffects: [
        'Une nouvelle urne en préparation est créée avec le même nom, les mêmes questions, la même liste électorale et les mêmes garants.',
        'De nouveaux codes de vote doivent être envoyés à ses votants ; elle s’ouvre ensuite comme les autres.',
      ],
      rerunDone: (box: string) => `Un nouveau scrutin de ${box} a été créé, en préparation.`,
      boxPage: (box: string) => `Page de l’urne ${box}`,
      noAction: '—',
    },
    paper: {
      heading: 'Saisir une urne papier',
      intro:
        'Pour une urne dépouillée ailleurs (sur papier) : ses totaux, qui les a saisis, et le procès-verbal de dépouillement. Une telle urne est marquée « non vérifiable cryptographiquement » partout.',
      label: 'Nom de l’urne (fédération)',
      replaces: 'Remplace une urne annulée',
      replacesNone: 'Non : une nouvelle urne',
      enteredBy: 'Saisie par (nom de la personne responsable)',
      registeredVoters: 'Votants inscrits',
      ballotsCounted: 'Bulletins dépouillés',
      registeredWeight: 'Poids inscrit (vide : égal aux inscrits)',
      weightCast: 'Poids exprimé (vide : égal aux bulletins)',
      countsOf: (n: number, question: string) => `Décompte de la question ${n} : ${question}`,
      blankLine: 'Votes blancs',
      report: 'Procès-verbal de dépouillement (fichier, conservé s’il fait au plus 256 Kio)',
      reportHash: 'Ou le SHA-256 du procès-verbal (64 chiffres hexadécimaux)',
      reportMissing: 'Joignez le procès-verbal ou indiquez son SHA-256.',
      missing:
        'Indiquez le nom de l’urne, la personne qui a saisi les totaux et des nombres entiers partout.',
      submit: 'Enregistrer l’urne papier',
      confirmTitle: (box: string) => `Enregistrer l’urne papier ${box} ?`,
      confirmEffects: (by: string) => [
        `Totaux saisis par ${by}, avec le SHA-256 du procès-verbal.`,
        'L’urne compte dans le résultat consolidé, marquée « non vérifiable cryptographiquement ».',
      ],
      done: (box: string) => `L’urne papier ${box} a été enregistrée.`,
      notVerifiable: 'non vérifiable cryptographiquement',
    },
    result: {
      heading: 'Résultat consolidé',
      provisional:
        'Provisoire : certaines urnes ne sont pas encore publiées. Seules les urnes vérifiées sont additionnées.',
      complete: 'Complet : chaque urne est publiée ou annulée.',
      counted: (boxes: number, paper: number) =>
        `${boxes <= 1 ? `${boxes} urne comptée` : `${boxes} urnes comptées`}${paper > 0 ? `, dont ${paper} saisie(s) à la main (non vérifiable cryptographiquement)` : ''}.`,
      turnout: (cast: string, registered: string, percent: string) =>
        `Poids exprimé : ${cast} sur ${registered} (${percent}).`,
      chart: (question: string) => `Diagramme en barres : ${question}`,
      answer: 'Réponse',
      count: 'Voix (pondérées)',
      ofCast: '% des votes',
      ofValid: '% des suffrages exprimés',
      blank: 'Blanc',
      validVotes: (n: string) => `Suffrages exprimés : ${n}.`,
      resultTable: (question: string) => `Résultat : ${question} (défile horizontalement)`,
      perBox: 'Détail par urne',
      perBoxTable: (question: string) => `Voix par urne : ${question} (défile horizontalement)`,
      total: 'Consolidé',
      box: 'Urne',
      status: 'Statut',
      decision: {
        elected: (who: string) => `Élu·e : ${who}.`,
        second: (who: string) =>
          `Aucune candidature n’a la majorité requise : ${who} sont qualifié·es pour le second tour.`,
        noVotes: 'Aucun vote : personne n’est élu.',
        tie: (who: string) => `Égalité : ${who}.`,
      },
      exports: 'Exports',
      csv: 'Résultat en CSV',
      json: 'Résultat en JSON',
      pvFr: 'Procès-verbal (français)',
      pvEn: 'Official report (anglais)',
      percent: (p: string | null) => (p === null ? '—' : `${p.replace('.', ',')} %`),
    },
    boxHeader: {
      of: (box: string, consultation: string, round: number) =>
        `Urne ${box} de la consultation « ${consultation} », ${round === 1 ? 'premier' : round === 2 ? 'second' : `${round}e`} tour.`,
      link: 'Ouvrir la consultation',
    },
    publicLinks: {
      of: (box: string, consultation: string, round: number) =>
        `Ceci est l’urne ${box} de la consultation « ${consultation} », ${round === 1 ? 'premier' : round === 2 ? 'second' : `${round}e`} tour.`,
      annulledRerun: 'Cette urne a été annulée et son scrutin refait :',
      rerunLink: (box: string) => `page publique du nouveau scrutin de ${box}`,
      annulledPaper: (box: string) =>
        `Cette urne a été annulée et remplacée par une urne papier ${box} (non vérifiable cryptographiquement).`,
      replaces: 'Cette urne remplace une urne annulée :',
      replacesLink: (box: string) => `page publique de l’urne annulée ${box}`,
    },
    scrutineer: {
      heading: (name: string) => `Consultation : ${name}`,
      readOnly: 'Lecture seule : les urnes de la consultation et son résultat consolidé provisoire.',
    },
  },
  // section: congress-pages (one block per area; keep this marker line)
  // section: congress-defects (one block per area; keep this marker line)
  congressDefects: {
    admin: {
      newKeys:
        'Chaque garant de ce groupe crée une nouvelle clé pour cette urne, sur la page des garants : les clés ne sont jamais reprises d’une autre urne ni d’un autre tour (un nouveau vote ou le tour suivant ne recopient que les membres du groupe et le seuil).',
    },
    mail: {
      roundName: (name: string, round: number) => `${name} (${round === 1 ? '1er' : `${round}e`} tour)`,
    },
    booth: {
      replaces:
        'Vous avez déjà voté ; ce bulletin remplacera le précédent. Seul votre dernier bulletin compte.',
      replaced: 'Votre nouveau bulletin a remplacé le précédent : seul celui-ci compte.',
      accessIntro:
        'Vous pouvez déjà vérifier que votre identifiant, votre mot de passe et votre code de vote fonctionnent, sans voter : rien n’est déposé.',
      accessStart: 'Tester mon accès maintenant',
      accessHeading: 'Test d’accès',
      accessCredentialIntro:
        'Saisissez votre code de vote pour vérifier que c’est bien celui enregistré pour vous. Rien n’est déposé.',
      accessSubmit: 'Tester mon code',
      accessProgress: 'Vérification de votre code…',
      accessPassed:
        'Votre accès fonctionne : votre code est bien celui enregistré pour vous. Revenez à l’ouverture du vote.',
    },
  },
  // section: ops (one block per area; keep this marker line)
  ops: {
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
  },
  browserVerify: {
    heading: 'Vérifier dans votre navigateur',
    intro:
      'Votre navigateur peut vérifier lui-même toute l’archive, avec le même vérificateur que les outils en ligne de commande : les preuves de chaque bulletin, le dépouillement, les déchiffrements et le résultat. La vérification se fait sur votre appareil ; seule l’archive est téléchargée.',
    caveat:
      'Le code de cette page vient du serveur de l’élection, celui-là même qu’on vérifie : si l’enjeu est important, utilisez aussi l’un des outils indépendants ci-dessous.',
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
    passed: (seconds: string) => `Toutes les vérifications réussissent (en ${seconds} s).`,
    failed: (check: string) => `Échec de la vérification : le contrôle « ${check} » ne passe pas.`,
    cannotVerify: (check: string) =>
      `Non vérifiée : ce vérificateur ne sait pas encore faire le contrôle « ${check} » (les mélanges des questions non homomorphes ne sont pas encore pris en charge). L’archive n’est ni confirmée ni montrée fausse : utilisez un vérificateur qui contrôle les mélanges, comme belenios-tool.`,
    downloadFailed: 'L’archive n’a pas pu être téléchargée. Vérifiez votre connexion et réessayez.',
    unreadable: (problem: string) => `L’archive est illisible : ${problem}`,
    crashed: (problem: string) => `Le vérificateur s’est arrêté de façon inattendue : ${problem}`,
    noWorkers:
      'Ce navigateur ne peut pas faire tourner le vérificateur (Web Workers désactivés). Utilisez l’un des outils ci-dessous.',
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
  },
  // section: browser-verify (one block per area; keep this marker line)
  accounts: {
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
  },
  // section: accounts (keep this marker line)
};
