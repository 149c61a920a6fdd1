/** Credential recovery (escrow, requests, recovered files). */
import type { ErrorMessages } from './entry.js';

export const recoveryErrors = {
  SCR_RECOVERY_NOT_AVAILABLE: {
    kind: 'conflict',
    en: 'Credential recovery is not available for this election.',
    fr: "La récupération des codes de vote n'est pas disponible pour cette élection.",
  },
  SCR_RECOVERY_CHOICE_NEEDED: {
    kind: 'invalid',
    en: 'Before generating the credentials, the recovery officer must send their public key, or choose "no recovery".',
    fr: 'Avant de générer les codes de vote, le responsable de la récupération doit envoyer sa clé publique, ou choisissez « pas de récupération ».',
  },
  SCR_RECOVERY_TOO_LATE: {
    kind: 'conflict',
    en: 'Choose the recovery option before the credentials are generated.',
    fr: 'Choisissez le mode de récupération avant la génération des codes de vote.',
  },
  SCR_RECOVERY_INVALID_KEY: {
    kind: 'invalid',
    en: 'The recovery public key is invalid.',
    fr: 'La clé publique de récupération est invalide.',
  },
  SCR_RECOVERY_SEPARATION: {
    kind: 'conflict',
    en: 'The recovery officer may not be an administrator of this election, nor approve their own request.',
    fr: 'Le responsable de la récupération ne peut pas administrer cette élection ni approuver sa propre demande.',
  },
  SCR_RECOVERY_ALREADY_DECIDED: {
    kind: 'conflict',
    en: 'This recovery request was already decided.',
    fr: 'Cette demande de récupération a déjà été traitée.',
  },
  SCR_RECOVERY_INVALID_FILE: {
    kind: 'invalid',
    en: 'The recovered-credentials file is invalid; nothing was sent.',
    fr: "Le fichier des codes récupérés est invalide ; rien n'a été envoyé.",
  },
  SCR_RECOVERY_MISMATCH: {
    kind: 'invalid',
    en: "A recovered credential does not match its voter's public credential; nothing was sent.",
    fr: "Un code récupéré ne correspond pas au code public de son votant ; rien n'a été envoyé.",
  },
} as const satisfies Record<string, ErrorMessages>;
