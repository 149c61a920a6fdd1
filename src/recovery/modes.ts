/**
 * What each credential mode protects and what risk remains, in plain French and English, for the
 * admin choosing a mode (served by GET /api/v1/credential-modes; docs/threat-model.md says the same
 * at length). Kept as data so pages and the API cannot drift apart.
 */

export type CredentialModeId = 'server-escrow' | 'server-no-recovery' | 'external';

interface Text {
  readonly en: string;
  readonly fr: string;
}

export interface CredentialModeDescription {
  readonly id: CredentialModeId;
  /** The election's `credentialMode` this entry is a variant of. */
  readonly credentialMode: 'server' | 'external';
  readonly name: Text;
  readonly protects: Text;
  readonly residualRisk: Text;
  readonly recovery: Text;
}

export const CREDENTIAL_MODES: readonly CredentialModeDescription[] = [
  {
    id: 'server-escrow',
    credentialMode: 'server',
    name: {
      en: 'Server as credential authority, with a recovery officer',
      fr: 'Serveur autorité de codes de vote, avec un responsable de la récupération',
    },
    protects: {
      en: 'The server generates each voting credential, sends it to its voter only and forgets it. It keeps a copy sealed with the recovery officer’s key, which the officer made on their own computer: the server alone cannot open it. A voter who loses their credential after opening gets the same one back, after the officer approves.',
      fr: 'Le serveur génère chaque code de vote, l’envoie à son seul votant et l’oublie. Il en garde une copie scellée avec la clé du responsable de la récupération, créée sur l’ordinateur de ce dernier : le serveur seul ne peut pas l’ouvrir. Un votant qui perd son code après l’ouverture récupère le même, après accord du responsable.',
    },
    residualRisk: {
      en: 'A credential intercepted in transit (mailbox, mail server) can be used until the voter votes again; the last ballot counts and the voter sees their tracking number. Whoever holds both the officer’s private key and the server’s data can recover any credential: the officer must not be an administrator of the platform, and keeps the key offline.',
      fr: 'Un code intercepté pendant l’envoi (messagerie, serveur de courriel) reste utilisable jusqu’à ce que le votant revote ; le dernier bulletin compte et le votant voit son numéro de suivi. Qui détient à la fois la clé privée du responsable et les données du serveur peut retrouver n’importe quel code : le responsable ne doit pas administrer la plateforme et garde sa clé hors ligne.',
    },
    recovery: {
      en: 'Before opening: the credential is replaced. After opening: request by the voter or the help desk, approval and decryption by the officer, sent again to the registered address only; everything is in the audit log.',
      fr: 'Avant l’ouverture : le code est remplacé. Après l’ouverture : demande du votant ou de l’assistance, accord et déchiffrement par le responsable, renvoi à la seule adresse enregistrée ; tout figure au journal d’audit.',
    },
  },
  {
    id: 'server-no-recovery',
    credentialMode: 'server',
    name: {
      en: 'Server as credential authority, without recovery',
      fr: 'Serveur autorité de codes de vote, sans récupération',
    },
    protects: {
      en: 'The server generates each voting credential, sends it to its voter only and forgets it: after that, nobody holds it but the voter.',
      fr: 'Le serveur génère chaque code de vote, l’envoie à son seul votant et l’oublie : ensuite, personne d’autre que le votant ne le détient.',
    },
    residualRisk: {
      en: 'A credential intercepted in transit can be used until the voter votes again. A voter who loses their credential after opening cannot vote: it cannot be re-sent and the list of credentials is sealed at opening.',
      fr: 'Un code intercepté pendant l’envoi reste utilisable jusqu’à ce que le votant revote. Un votant qui perd son code après l’ouverture ne peut pas voter : il ne peut pas être renvoyé et la liste des codes est scellée à l’ouverture.',
    },
    recovery: {
      en: 'Before opening only: the credential is replaced.',
      fr: 'Avant l’ouverture seulement : le code est remplacé.',
    },
  },
  {
    id: 'external',
    credentialMode: 'external',
    name: {
      en: 'External credential authority',
      fr: 'Autorité de codes de vote externe',
    },
    protects: {
      en: 'A person outside the platform generates the credentials offline (scrutin-tool setup generate-credentials), sends them, and uploads only the public part: the server never sees a private credential.',
      fr: 'Une personne extérieure à la plateforme génère les codes hors ligne (scrutin-tool setup generate-credentials), les envoie et ne transmet que la partie publique : le serveur ne voit jamais de code privé.',
    },
    residualRisk: {
      en: 'The authority could vote for voters who never vote (turnout and the sign-in list let scrutineers notice), and a credential intercepted in transit stays usable until the voter votes again. If the authority kept its file, it can re-send a lost credential; if it forgot them (more protective), nobody can.',
      fr: 'L’autorité pourrait voter à la place de votants qui ne votent jamais (la participation et la liste d’émargement permettent aux observateurs de le remarquer), et un code intercepté reste utilisable jusqu’à ce que le votant revote. Si l’autorité a gardé son fichier, elle peut renvoyer un code perdu ; si elle l’a oublié (plus protecteur), personne ne le peut.',
    },
    recovery: {
      en: 'The authority re-sends from its own file (Belenios specification §3.3); the platform has no copy.',
      fr: 'L’autorité renvoie le code depuis son propre fichier (spécification Belenios §3.3) ; la plateforme n’en a aucune copie.',
    },
  },
];
