/** Per-election delivery settings (how voters sign in, the help contact, the default language). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface DeliverySettingsRow {
  electionId: string;
  loginMode: 'password' | 'one-time-code';
  passwordDelaySeconds: number;
  helpContact: string;
  defaultLanguage: string;
  /** How passwords and one-time codes travel; absent: 'email' (credentials always go by mail). */
  secretChannel?: 'email' | 'sms';
}

type Db = Kysely<Database> | Transaction<Database>;

export async function getSettings(db: Db, electionId: string): Promise<DeliverySettingsRow | undefined> {
  const r = await db
    .selectFrom('delivery_settings')
    .selectAll()
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return (
    r && {
      electionId: r.election_id,
      loginMode: r.login_mode as DeliverySettingsRow['loginMode'],
      passwordDelaySeconds: r.password_delay_seconds,
      helpContact: r.help_contact,
      defaultLanguage: r.default_language,
      ...(r.secret_channel === 'sms' ? { secretChannel: 'sms' as const } : {}),
    }
  );
}

export async function saveSettings(db: Db, row: DeliverySettingsRow): Promise<void> {
  const values = {
    election_id: row.electionId,
    login_mode: row.loginMode,
    password_delay_seconds: row.passwordDelaySeconds,
    help_contact: row.helpContact,
    default_language: row.defaultLanguage,
    secret_channel: row.secretChannel === 'sms' ? 'sms' : null,
  };
  const { election_id, ...rest } = values;
  await db
    .insertInto('delivery_settings')
    .values(values)
    .onConflict((oc) => oc.column('election_id').doUpdateSet(rest))
    .execute();
}
