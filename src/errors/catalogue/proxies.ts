/** Proxies (procurations, issue 17): a voter gives their vote to another voter of the same election. */
import type { ErrorMessages } from './entry.js';

export const proxyErrors = {
  SCR_PROXY_NOT_AVAILABLE: {
    kind: 'conflict',
    en: 'A proxy cannot be given now in this election (see why: before opening only, once credentials have been sent by the server, and when the election allows proxies); nothing was changed.',
    fr: "Une procuration ne peut pas être donnée maintenant dans cette élection (voir pourquoi : avant l'ouverture seulement, une fois les codes de vote envoyés par le serveur, et si l'élection autorise les procurations) ; rien n'a été modifié.",
  },
  SCR_PROXY_HOLDER_UNKNOWN: {
    kind: 'invalid',
    en: 'No voter of this election has this login: a proxy goes to a voter of the same election. Nothing was changed.',
    fr: "Aucun votant de cette élection n'a cet identifiant : une procuration se donne à un votant de la même élection. Rien n'a été modifié.",
  },
  SCR_PROXY_SELF: {
    kind: 'invalid',
    en: 'You cannot give a proxy to yourself; nothing was changed.',
    fr: "Vous ne pouvez pas vous donner procuration à vous-même ; rien n'a été modifié.",
  },
  SCR_PROXY_CHAIN: {
    kind: 'conflict',
    en: 'A voter who gave a proxy cannot hold one, and a holder cannot give one (no chains of proxies); nothing was changed.',
    fr: "Un votant qui a donné procuration ne peut pas en recevoir, et un mandataire ne peut pas en donner (pas de procuration en chaîne) ; rien n'a été modifié.",
  },
  SCR_PROXY_ALREADY_GIVEN: {
    kind: 'conflict',
    en: 'You have already given a proxy: revoke it first to give another. Nothing was changed.',
    fr: "Vous avez déjà donné une procuration : révoquez-la d'abord pour en donner une autre. Rien n'a été modifié.",
  },
  SCR_PROXY_CAP: {
    kind: 'conflict',
    en: 'This voter already holds as many proxies as the election allows; nothing was changed.',
    fr: "Ce votant détient déjà autant de procurations que l'élection le permet ; rien n'a été modifié.",
  },
  SCR_PROXY_NOT_YOURS: {
    kind: 'not-found',
    en: 'No such proxy of yours in this state (it may have been revoked or decided already); nothing was changed.',
    fr: "Aucune procuration de ce type ne vous concerne dans cet état (elle a peut-être déjà été révoquée ou décidée) ; rien n'a été modifié.",
  },
  SCR_PROXY_ACTIVE: {
    kind: 'conflict',
    en: "This voter's credential is held by the holder of their proxy: the proxy must be revoked (by the voter or the holder) before it changes. Nothing was changed.",
    fr: "Le code de vote de ce votant est détenu par son mandataire : la procuration doit d'abord être révoquée (par le votant ou le mandataire). Rien n'a été modifié.",
  },
  SCR_INVALID_PROXY_SETTINGS: {
    kind: 'invalid',
    en: 'The number of proxies per holder must be a whole number from 0 (no proxies) to 10; nothing was changed.',
    fr: "Le nombre de procurations par mandataire doit être un entier de 0 (pas de procuration) à 10 ; rien n'a été modifié.",
  },
} as const satisfies Record<string, ErrorMessages>;
