/** Imported files and names (encodings, control characters) and the separation of roles. */
import type { ErrorMessages } from './entry.js';

export const identityErrors = {
  SCR_CSV_UTF16: {
    kind: 'invalid',
    en: 'The file must be UTF-8 (it looks like UTF-16): in your spreadsheet, save it as "CSV UTF-8". Nothing was imported.',
    fr: "Le fichier doit être en UTF-8 (il semble être en UTF-16) : dans votre tableur, enregistrez-le en « CSV UTF-8 ». Rien n'a été importé.",
  },
  SCR_CSV_LATIN1: {
    kind: 'invalid',
    en: 'The file must be UTF-8 (it looks like Latin-1 / Windows-1252): in your spreadsheet, save it as "CSV UTF-8". Nothing was imported.',
    fr: "Le fichier doit être en UTF-8 (il semble être en Latin-1 / Windows-1252) : dans votre tableur, enregistrez-le en « CSV UTF-8 ». Rien n'a été importé.",
  },
  SCR_CONTROL_CHARACTER: {
    kind: 'invalid',
    en: 'A name, login or address contains a control character (an invisible character such as NUL or a tab); remove it. Nothing was changed.',
    fr: "Un nom, un identifiant ou une adresse contient un caractère de contrôle (un caractère invisible comme NUL ou une tabulation) ; retirez-le. Rien n'a été modifié.",
  },
  SCR_CREDENTIAL_AUTHORITY_SEPARATION: {
    kind: 'conflict',
    en: 'The credential authority may not be an administrator of the same election (organisation admin or election admin), and only the credential authority uploads public credentials.',
    fr: "L'autorité de certification des codes de vote ne peut pas administrer la même élection (administrateur de l'organisation ou de l'élection), et seule elle dépose les codes de vote publics.",
  },
} as const satisfies Record<string, ErrorMessages>;
