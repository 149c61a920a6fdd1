/** Procurations (issue 17) : le message au mandataire, la page du votant, les listes du personnel, le PV. */
import type { Messages } from '../en/index.js';

export const proxies: Messages['proxies'] = {
  mail: {
    subject: (election: string, giver: string) => `Procuration : le code de vote de ${giver} – ${election}`,
    intro: (giver: string) =>
      `Vous avez accepté la procuration de ${giver}. Voici le code de vote avec lequel vous voterez en son nom ; ce n'est pas votre propre code. Sa voix compte avec son poids.`,
    label: (giver: string) => `Code de vote de ${giver}`,
    how: "Connectez-vous avec votre propre identifiant, puis saisissez ce code dans l'isoloir (le lien le remplit) : vous déposez un bulletin pour vous et un pour chaque procuration, chacun avec ses propres choix.",
    keep: "Gardez ce code secret. Si la procuration est révoquée avant l'ouverture du vote, il ne fonctionne plus et le votant en reçoit un nouveau.",
  },
  page: {
    title: 'Procurations',
    intro: (max: number) =>
      max === 0
        ? "Cette élection n'autorise pas les procurations."
        : `Avant l'ouverture du vote, vous pouvez donner votre voix à un autre votant de cette élection, qui vote pour vous avec un code de vote à votre nom qui lui est envoyé. Un votant peut détenir au plus ${max} procuration${max === 1 ? '' : 's'}.`,
    giveLabel: 'Identifiant du votant à qui vous donnez votre voix',
    give: 'Donner ma procuration',
    given: (holder: string, state: string) => `Vous avez donné procuration à ${holder} (${state}).`,
    revoke: 'Révoquer',
    offeredTitle: 'Procurations qui vous sont proposées',
    heldTitle: 'Procurations que vous détenez',
    accept: 'Accepter',
    decline: 'Refuser',
    renounce: 'Y renoncer',
    none: 'Aucune.',
    from: (giver: string) => `De ${giver}`,
    done: 'C’est fait.',
    closed: 'Le vote est ouvert : les procurations ne peuvent plus changer.',
  },
  states: {
    requested: "en attente d'acceptation",
    accepted: 'acceptée',
    declined: 'refusée',
    revoked: 'révoquée',
    lapsed: "non acceptée avant l'ouverture : caduque",
  },
  staff: {
    title: 'Procurations',
    cap: (max: number) =>
      max === 0 ? 'Pas de procuration dans cette élection.' : `Au plus ${max} par mandataire.`,
    headers: ['Votant', 'Mandataire', 'État', 'Donnée le', 'Décidée ou révoquée le'],
    holders: 'Procurations détenues',
    holdersHeaders: ['Mandataire', 'Procurations en vigueur'],
    none: 'Aucune procuration donnée.',
    capLabel: 'Procurations par mandataire (0 : aucune)',
    save: 'Enregistrer',
  },
  signInList: (holder: string) => `a voté par procuration (${holder})`,
  publicCount: (n: number, holders: number) =>
    n === 0
      ? 'Aucune procuration en vigueur.'
      : `${n} procuration${n === 1 ? '' : 's'} en vigueur, détenue${n === 1 ? '' : 's'} par ${holders} votant${holders === 1 ? '' : 's'} : leurs bulletins sont déposés par les mandataires avec les codes et les poids des mandants.`,
  pv: {
    heading: 'Procurations',
    line: (n: number, holders: number, max: number) =>
      `${n} procuration${n === 1 ? '' : 's'} en vigueur à l'ouverture, détenue${n === 1 ? '' : 's'} par ${holders} votant${holders === 1 ? '' : 's'} (au plus ${max} par mandataire). Chacune a été donnée par le votant, acceptée par le mandataire et journalisée.`,
  },
};
