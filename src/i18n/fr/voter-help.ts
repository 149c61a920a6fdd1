/** French messages of the help given to voters (issue 16): the SMS channel, replacement mails, the help desk's per-voter actions. */

export const voterHelp = {
  receipt: {
    subject: (election: string) => `Votre bulletin est enregistré – ${election}`,
    recorded: (election: string, when: string) =>
      `Votre bulletin pour « ${election} » a été enregistré le ${when}.`,
    tracker: 'Votre numéro de suivi de bulletin',
    check: 'Vérifiez qu’il figure sur la page publique de l’élection, avec son urne :',
    revote:
      'Si vous votez de nouveau, votre nouveau bulletin remplace celui-ci (et vous recevez un nouveau reçu).',
    notYou: 'Si vous n’avez pas voté, contactez aussitôt l’assistance : quelqu’un a pu voter à votre place.',
  },
  lostCredential: {
    summary: 'J’ai perdu mon code de vote',
    intro:
      'Indiquez votre identifiant et l’adresse où vous recevez les messages de l’élection. Nous demanderons un nouveau code de vote pour vous.',
    login: 'Votre identifiant',
    email: 'Votre adresse enregistrée',
    submit: 'Demander un nouveau code de vote',
    sending: 'Envoi de votre demande…',
    missing: 'Indiquez votre identifiant et votre adresse enregistrée.',
    received:
      'Demande reçue. Si cet identifiant et cette adresse correspondent à un votant de cette élection, le responsable de la récupération l’examinera ; une fois approuvée, un nouveau code de vote sera envoyé par courriel à votre seule adresse enregistrée, et votre ancien code cessera de fonctionner. Si rien n’arrive, contactez l’assistance de l’élection.',
    none: 'Cette élection ne permet pas de récupérer un code de vote depuis cette page.',
    contact: (contact: string) => `Si vous avez perdu votre code de vote, contactez : ${contact}`,
    noContact: 'Si vous avez perdu votre code de vote, contactez les organisateurs de cette élection.',
  },
  booth: {
    reason: (reason: string) => `Motif indiqué : ${reason}`,
    rerun: 'Voter au vote qui le remplace',
    noRerunYet:
      'Un nouveau vote le remplacera : vous recevrez un message avec son lien et un nouveau code de vote.',
  },
  annulment: {
    subject: (election: string) => `Vote annulé – ${election}`,
    annulled: (election: string, when: string) =>
      `Le vote « ${election} », auquel vous étiez inscrit, a été annulé le ${when}.`,
    reason: 'Motif indiqué',
    notCounted:
      'Les bulletins qui y ont été déposés ne comptent pas, et son code de vote ne fonctionne plus.',
    rerun:
      'Un nouveau vote le remplace. Vous recevrez un nouveau code de vote pour celui-ci dans un message séparé. Sa page de vote :',
    replacesAnnulled: (election: string) =>
      `Ce code de vote est celui du nouveau vote qui remplace le vote annulé « ${election} » : le code de vote du vote annulé ne fonctionne plus.`,
  },
  mail: {
    replacesCredentialOf: (when: string) =>
      `Ce code de vote remplace celui qui vous a été envoyé le ${when} : celui-là ne fonctionne plus.`,
    replacesCredential:
      'Ce code de vote remplace celui qui vous a été envoyé auparavant : celui-là ne fonctionne plus.',
  },
  page: {
    recoveryRequest: (origin: string, when: string, state: string) =>
      `Demande de récupération ${origin}, ${when} : ${state}`,
    recoveryOrigins: {
      voter: 'du votant (« J’ai perdu mon code de vote »)',
      'help-desk': 'de l’assistance',
      'address-correction': 'après une correction d’adresse',
    },
    recoveryStates: {
      pending: 'en attente du responsable de la récupération',
      approved: 'approuvée, le nouveau code est en cours d’envoi',
      rejected: 'refusée par le responsable de la récupération',
      completed: 'terminée, le nouveau code a été envoyé',
    },
    receiptMail: 'Envoyer à chaque votant un reçu avec son numéro de suivi après son vote',
    channel: 'Canal des mots de passe et codes à usage unique',
    channelHint:
      'Les codes de vote partent toujours par courriel ; par SMS, le mot de passe ou le code emprunte un second canal (les votants sans numéro sur la liste le reçoivent par courriel).',
    channelEmail: 'Par courriel',
    channelSms: 'Par SMS, au numéro de la liste',
    smsUnavailable:
      'Les SMS ne sont pas configurés sur ce serveur (SMS_URL) : seul le courriel est possible.',
    bySms: 'SMS',
    byMail: 'courriel',
    to: (address: string) => `à ${address}`,
    resendCredential: 'Renvoyer le code de vote',
    resendCredentialConfirm: (login: string) => `Envoyer un nouveau code de vote à ${login} ?`,
    resendCredentialEffects: (address: string) => [
      `Un nouveau code de vote est généré et envoyé par courriel à ${address}.`,
      'Le code envoyé auparavant cesse aussitôt de fonctionner ; le nouveau message dit qu’il remplace celui de sa date.',
      'Possible seulement avant l’ouverture du vote. Inscrit au journal d’audit.',
    ],
    resendPassword: 'Renvoyer le mot de passe',
    resendPasswordConfirm: (login: string) => `Envoyer maintenant un nouveau mot de passe à ${login} ?`,
    resendPasswordEffects: (where: string) => [
      `Un nouveau mot de passe est généré et envoyé maintenant ${where}.`,
      'L’ancien mot de passe cesse de fonctionner à l’envoi du nouveau ; le code de vote ne change pas.',
      'Inscrit au journal d’audit.',
    ],
    sendCode: 'Envoyer un code à usage unique',
    sendCodeConfirm: (login: string) => `Envoyer un code de connexion à usage unique à ${login} ?`,
    sendCodeEffects: (where: string) => [
      `Un code de connexion, valable 10 minutes pour une connexion, est envoyé maintenant ${where}.`,
      'Rien n’est invalidé : le mot de passe et le code de vote restent tels quels. Un code par minute au plus.',
    ],
    codeSent: (login: string) => `Un code de connexion part pour ${login}.`,
    codeRecent: (login: string) =>
      `Un code a été envoyé à ${login} il y a moins d’une minute : rien de nouveau n’a été envoyé.`,
    codeNotAvailable:
      'Les codes à usage unique s’appliquent une fois le vote ouvert, ou en mode code à usage unique.',
    passwordSent: (login: string) => `Un nouveau mot de passe part pour ${login}.`,
    correctPhone: 'Corriger le téléphone',
    newPhone: (login: string) => `Nouveau numéro de portable de ${login}`,
    phoneHint:
      'Un plus, l’indicatif du pays, puis le numéro sans son 0 initial (+33612345678). Vide : aucun numéro.',
    phoneFormat:
      'Saisissez le numéro avec un plus et l’indicatif du pays (+33612345678), ou laissez le champ vide.',
    correctPhoneEffects: (bySms: boolean, password: boolean) => [
      bySms
        ? 'Les mots de passe et codes de connexion envoyés désormais partent à ce numéro (par courriel s’il est vide).'
        : 'Cette élection envoie mots de passe et codes par courriel : le numéro ne sert que si le SMS est choisi.',
      ...(bySms && password
        ? [
            'Un nouveau mot de passe part maintenant au numéro corrigé ; celui envoyé avant cesse de fonctionner.',
          ]
        : []),
      'Le code de vote ne change pas (il part toujours par courriel).',
      'Inscrit au journal d’audit (numéro masqué) et montré aux scrutateurs.',
    ],
    phoneCorrected: (login: string) => `Numéro de téléphone de ${login} corrigé.`,
    phoneCorrectedPassword: (login: string) =>
      `Numéro de téléphone de ${login} corrigé ; un nouveau mot de passe y est envoyé.`,
    correctAddress: 'Corriger l’adresse',
    correctAddressEffects: (open: boolean) => [
      'L’ancienne adresse est prévenue d’abord, la nouvelle y étant masquée.',
      open
        ? 'Le même code de vote est envoyé à la nouvelle adresse une fois la demande approuvée par l’agent de récupération.'
        : 'Un nouveau code de vote part à la nouvelle adresse ; l’ancien cesse de fonctionner.',
      'Inscrit au journal d’audit et montré aux scrutateurs.',
    ],
    resendEffects: (kind: 'password' | 'reminder', email: number, sms: number) =>
      kind === 'password'
        ? [
            `Nouveaux mots de passe : ${email} par courriel et ${sms} par SMS, aux votants qui ont un code de vote et ne se sont jamais connectés.`,
            'Chaque nouveau mot de passe remplace le précédent du votant ; les codes de vote ne changent pas.',
            'Les votants déjà connectés ne reçoivent rien.',
          ]
        : [
            `Rappels par courriel : ${email}, aux votants qui ont un code de vote et ne se sont jamais connectés (leur identifiant et le lien de vote, sans secret).`,
            'Rien n’est invalidé. Les votants déjà connectés ne reçoivent rien.',
          ],
  },
  sms: {
    password: (election: string, login: string, password: string, url: string) =>
      `${election} : mot de passe de ${login} : ${password} (il remplace tout mot de passe précédent ; votre code de vote arrive par courriel). Voter : ${url}`,
    code: (election: string, code: string, minutes: number) =>
      `${election} : votre code de connexion est ${code}, valable ${minutes} min, une fois. Pas demandé ? Ignorez ce SMS.`,
  },
};
