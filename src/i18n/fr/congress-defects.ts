/** French messages of the defects a consultation check reports, typed by the English area. */
import type { Messages } from '../en/index.js';

export const congressDefects: Messages['congressDefects'] = {
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
};
