/**
 * What the operator commands (`operator`, `org`, `doctor`, `backup`, `restore`) say, in English and
 * French, picked from the terminal's locale (LC_ALL, LC_MESSAGES, LANG) like any Unix tool. The
 * French catalogue is typed by the English one, so a missing message is a compile error. Kept beside
 * the commands rather than in src/i18n: nothing here is shown in a browser.
 */
import { type Language, negotiateLanguage } from '../../i18n/index.js';

const en = {
  passwordPrompt: 'Password for the operator account: ',
  passwordConfirm: 'Same password again: ',
  passwordMismatch: 'The two passwords differ. Nothing was created.',
  passwordMissing:
    'No password: type it when asked, or pipe it on standard input (one line). It is never read from the command line.',
  passwordTooShort: (min: number) =>
    `The password is too short: it needs at least ${min} characters. Nothing was created.`,
  passwordTooLong: (max: number) =>
    `The password is too long: at most ${max} characters. Nothing was created.`,
  interrupted: 'Interrupted. Nothing was created.',
  badEmail: (email: string) => `“${email}” is not an email address. Nothing was created.`,
  badName: 'The name must have between 1 and 200 characters. Nothing was created.',
  emailTaken: (email: string) =>
    `An account with the email address ${email} already exists. Nothing was created.`,
  operatorCreated: (email: string) =>
    `Operator account ${email} created. Sign in at /operator with this email and password.`,
  orgCreated: (name: string, id: string) => `Organisation “${name}” created (id ${id}).`,
  passwordCommon:
    'This password is one of the most common passwords, the first ones an attacker tries: choose another. Nothing was created.',
  invitationMailed: (email: string, until: string) =>
    `Its first administrator, ${email}, was sent an invitation by mail: they choose their own password on the link, usable once, until ${until}.`,
  invitationFailed: (email: string, reason: string) =>
    `The invitation to ${email} could not be mailed (${reason}). They can ask for a new link with “Forgotten password” on /admin once mail works.`,
  invitationLink: (email: string, until: string) =>
    `Mail is not configured (SMTP_URL), so here is the invitation link of its first administrator, ${email}, usable once, until ${until}. Give it to them alone: whoever opens it first chooses the password.`,
  noStore: (where: string) =>
    `No store at ${where}: check DATABASE_URL (or run \`scrutin migrate\` to create one).`,
  notAStore: 'This database holds no Scrutin store (no migrations table). Nothing was written.',
  backupExists: (file: string) =>
    `${file} already exists: a backup never overwrites a file. Choose another name.`,
  backupWritten: (file: string, rows: number, bytes: number) =>
    `Backup written to ${file}: ${rows} rows, ${bytes} bytes. It holds password hashes and pending voter messages: keep it like the database.`,
  noBackup: (file: string) => `No file ${file}.`,
  noFolder: (file: string) => `The folder of ${file} does not exist: create it first. Nothing was written.`,
  restoreNotEmpty: (tables: string) =>
    `The target store is not empty (rows in: ${tables}). Restore only into a new store: a new SQLite file, or an empty PostgreSQL database or schema. Nothing was changed.`,
  restoreTargetNewer:
    'The target store has a newer schema than the backup. Restore into a new store. Nothing was changed.',
  restoreUnknown: (names: string) =>
    `The backup was made by another version of Scrutin (unknown migrations: ${names}). Restore it with that version. Nothing was changed.`,
  restoreDamaged: (problem: string) => `The backup cannot be restored: ${problem}. Nothing was restored.`,
  restored: (rows: number, migrated: string) =>
    `Restored ${rows} rows.${migrated === '' ? '' : ` Then migrated: ${migrated}.`} Start the server on this store.`,
  doctor: {
    pass: 'ok',
    fail: 'FAIL',
    warn: 'warn',
    storeOk: (dialect: string) => `store reachable (${dialect})`,
    storeFail: (problem: string) => `store unreachable: ${problem}`,
    migrationsCurrent: 'migrations current',
    migrationsPending: (names: string) => `migrations pending: ${names} (run \`scrutin migrate\`)`,
    migrationsUnknown: 'migrations not checked: the store is unreachable',
    migrationsNewer: (names: string) =>
      `the store was migrated by a newer Scrutin (${names}): run that version, or restore a backup into a new store`,
    smtpUnset: 'SMTP_URL not set: credentials cannot be mailed (set SMTP_URL to smtp://user:pass@host:port)',
    smtpOk: (url: string) => `SMTP reachable: ${url}`,
    smtpFail: (url: string, problem: string) => `SMTP unreachable: ${url}: ${problem}`,
    smtpBad: 'SMTP_URL is not a valid smtp:// or smtps:// URL',
    baseHttps: (url: string) => `base URL is https: ${url}`,
    baseHttp: (url: string) =>
      `base URL is not https: ${url} (voters need https; fine only for a local trial)`,
    baseUnset: 'BASE_URL not set: links will use http://HOST:PORT (set BASE_URL to the public https address)',
    baseBad: (url: string) => `BASE_URL is not a URL: ${url}`,
    belenios:
      'belenios-tool not needed: the server verifies every ballot itself (voters and observers may use it)',
    verdictOk: 'All required checks passed.',
    verdictFail: (n: number) => `${n} required check(s) failed.`,
  },
};

export type CliMessages = typeof en;

const fr: CliMessages = {
  passwordPrompt: 'Mot de passe du compte opérateur : ',
  passwordConfirm: 'Le même mot de passe à nouveau : ',
  passwordMismatch: 'Les deux mots de passe diffèrent. Rien n’a été créé.',
  passwordMissing:
    'Aucun mot de passe : tapez-le quand il est demandé, ou passez-le sur l’entrée standard (une ligne). Il n’est jamais lu sur la ligne de commande.',
  passwordTooShort: (min: number) =>
    `Le mot de passe est trop court : il faut au moins ${min} caractères. Rien n’a été créé.`,
  passwordTooLong: (max: number) =>
    `Le mot de passe est trop long : ${max} caractères au plus. Rien n’a été créé.`,
  interrupted: 'Interrompu. Rien n’a été créé.',
  badEmail: (email: string) => `« ${email} » n’est pas une adresse électronique. Rien n’a été créé.`,
  badName: 'Le nom doit compter entre 1 et 200 caractères. Rien n’a été créé.',
  emailTaken: (email: string) => `Un compte avec l’adresse ${email} existe déjà. Rien n’a été créé.`,
  operatorCreated: (email: string) =>
    `Compte opérateur ${email} créé. Connectez-vous sur /operator avec cette adresse et ce mot de passe.`,
  orgCreated: (name: string, id: string) => `Organisation « ${name} » créée (identifiant ${id}).`,
  passwordCommon:
    'Ce mot de passe fait partie des plus courants, les premiers qu’un attaquant essaie : choisissez-en un autre. Rien n’a été créé.',
  invitationMailed: (email: string, until: string) =>
    `Son premier administrateur, ${email}, a reçu une invitation par courriel : il choisit lui-même son mot de passe sur le lien, utilisable une seule fois, jusqu’au ${until}.`,
  invitationFailed: (email: string, reason: string) =>
    `L’invitation à ${email} n’a pas pu être envoyée (${reason}). Cette personne pourra demander un nouveau lien avec « Mot de passe oublié » sur /admin quand le courrier fonctionnera.`,
  invitationLink: (email: string, until: string) =>
    `Le courrier n’est pas configuré (SMTP_URL) : voici le lien d’invitation de son premier administrateur, ${email}, utilisable une seule fois, jusqu’au ${until}. Donnez-le à cette personne seule : qui l’ouvre en premier choisit le mot de passe.`,
  noStore: (where: string) =>
    `Aucune base à ${where} : vérifiez DATABASE_URL (ou lancez \`scrutin migrate\` pour en créer une).`,
  notAStore:
    'Cette base ne contient pas de données Scrutin (pas de table des migrations). Rien n’a été écrit.',
  backupExists: (file: string) =>
    `${file} existe déjà : une sauvegarde n’écrase jamais un fichier. Choisissez un autre nom.`,
  backupWritten: (file: string, rows: number, bytes: number) =>
    `Sauvegarde écrite dans ${file} : ${rows} lignes, ${bytes} octets. Elle contient des empreintes de mots de passe et des messages aux votants en attente : protégez-la comme la base.`,
  noBackup: (file: string) => `Aucun fichier ${file}.`,
  noFolder: (file: string) => `Le dossier de ${file} n’existe pas : créez-le d’abord. Rien n’a été écrit.`,
  restoreNotEmpty: (tables: string) =>
    `La base cible n’est pas vide (lignes dans : ${tables}). Restaurez seulement dans une base neuve : un nouveau fichier SQLite, ou une base ou un schéma PostgreSQL vide. Rien n’a été modifié.`,
  restoreTargetNewer:
    'La base cible a un schéma plus récent que la sauvegarde. Restaurez dans une base neuve. Rien n’a été modifié.',
  restoreUnknown: (names: string) =>
    `La sauvegarde vient d’une autre version de Scrutin (migrations inconnues : ${names}). Restaurez-la avec cette version. Rien n’a été modifié.`,
  restoreDamaged: (problem: string) =>
    `La sauvegarde ne peut pas être restaurée : ${problem}. Rien n’a été restauré.`,
  restored: (rows: number, migrated: string) =>
    `${rows} lignes restaurées.${migrated === '' ? '' : ` Puis migrations appliquées : ${migrated}.`} Démarrez le serveur sur cette base.`,
  doctor: {
    pass: 'ok',
    fail: 'ÉCHEC',
    warn: 'attention',
    storeOk: (dialect: string) => `base accessible (${dialect})`,
    storeFail: (problem: string) => `base inaccessible : ${problem}`,
    migrationsCurrent: 'migrations à jour',
    migrationsPending: (names: string) => `migrations en attente : ${names} (lancez \`scrutin migrate\`)`,
    migrationsUnknown: 'migrations non vérifiées : la base est inaccessible',
    migrationsNewer: (names: string) =>
      `la base a été migrée par une version plus récente de Scrutin (${names}) : utilisez cette version, ou restaurez une sauvegarde dans une base neuve`,
    smtpUnset:
      'SMTP_URL non défini : les codes de vote ne peuvent pas être envoyés (définissez SMTP_URL, smtp://utilisateur:mdp@hôte:port)',
    smtpOk: (url: string) => `SMTP accessible : ${url}`,
    smtpFail: (url: string, problem: string) => `SMTP inaccessible : ${url} : ${problem}`,
    smtpBad: 'SMTP_URL n’est pas une URL smtp:// ou smtps:// valide',
    baseHttps: (url: string) => `l’adresse publique est en https : ${url}`,
    baseHttp: (url: string) =>
      `l’adresse publique n’est pas en https : ${url} (les votants ont besoin de https ; acceptable seulement pour un essai local)`,
    baseUnset:
      'BASE_URL non défini : les liens utiliseront http://HÔTE:PORT (définissez BASE_URL, l’adresse publique en https)',
    baseBad: (url: string) => `BASE_URL n’est pas une URL : ${url}`,
    belenios:
      'belenios-tool non requis : le serveur vérifie lui-même chaque bulletin (votants et observateurs peuvent l’utiliser)',
    verdictOk: 'Toutes les vérifications requises sont passées.',
    verdictFail: (n: number) => `${n} vérification(s) requise(s) en échec.`,
  },
};

/** One catalogue per language of src/i18n: a language added there and not here fails to compile. */
const CLI_CATALOGUES: Record<Language, CliMessages> = { en, fr };

/** The messages in the terminal's language (French when the locale says so, English otherwise). */
export function cliMessages(env: NodeJS.ProcessEnv = process.env): CliMessages {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return CLI_CATALOGUES[negotiateLanguage([locale])];
}

/** An expected refusal: its message goes to stderr and the command exits with `exitCode`. */
export class CliRefusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliRefusal';
  }
}
