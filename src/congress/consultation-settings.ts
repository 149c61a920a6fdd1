/**
 * Consultation-wide settings (issue #16 point 1): what a federation secretary running thirty boxes
 * sets once instead of thirty times — the recovery mode (escrow with a named officer, or explicitly
 * none), how voters sign in, the password delay, the help contact, the default language, the
 * channel of passwords and one-time codes (mail or SMS; credentials always go by mail), the
 * scrutineers. Kept in the consultation's template, so a next round (made from the template) and a
 * re-run (whose election copies its annulled box's set-up) carry them.
 *
 * A box may override a setting on its own page. A later consultation-wide change then leaves that
 * box's value alone: a field is changed on a box only where the box still has the consultation's
 * previous value (`planBox`, pure). A scrutineer taken off the consultation's list loses the role on
 * the boxes still in draft; a box whose vote has begun keeps its observers (an observer is never
 * taken off a vote under way or its count), and one named on the box itself is the box's own.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { DeliverySettings } from '../delivery/index.js';
import { DEFAULT_SETTINGS, MAX_PASSWORD_DELAY_SECONDS } from '../delivery/index.js';

const AccountId = Type.String({ minLength: 1, maxLength: 64 });

/** The settings as sent by the admin and as stored in the template (`settings`). */
export const ConsultationSettingsSchema = Type.Object(
  {
    /** 'escrow': lost credentials recovered through `officer`; 'none': explicitly no recovery; null: not chosen. */
    recovery: Type.Union([Type.Literal('escrow'), Type.Literal('none'), Type.Null()]),
    officer: Type.Union([AccountId, Type.Null()]),
    loginMode: Type.Union([Type.Literal('password'), Type.Literal('one-time-code')]),
    passwordDelaySeconds: Type.Integer({ minimum: 0, maximum: MAX_PASSWORD_DELAY_SECONDS }),
    helpContact: Type.String({ maxLength: 300 }),
    defaultLanguage: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
    /** How passwords and one-time codes travel; absent in a request: kept as it is (at first, mail). */
    secretChannel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms')])),
    scrutineers: Type.Array(AccountId, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type ConsultationSettings = Static<typeof ConsultationSettingsSchema>;

/** A consultation that never set any: what every box has by default. */
export const DEFAULT_CONSULTATION_SETTINGS: ConsultationSettings = {
  recovery: null,
  officer: null,
  loginMode: DEFAULT_SETTINGS.loginMode,
  passwordDelaySeconds: DEFAULT_SETTINGS.passwordDelaySeconds,
  helpContact: DEFAULT_SETTINGS.helpContact,
  defaultLanguage: 'fr',
  secretChannel: 'email',
  scrutineers: [],
};

/** The delivery fields a consultation sets on its boxes. */
export const DELIVERY_FIELDS = [
  'loginMode',
  'passwordDelaySeconds',
  'helpContact',
  'defaultLanguage',
  'secretChannel',
] as const;
type DeliveryField = (typeof DELIVERY_FIELDS)[number];

/** A field's value, a channel never chosen being mail. */
function fieldValue(settings: Pick<DeliverySettings, DeliveryField>, field: DeliveryField) {
  return field === 'secretChannel' ? (settings.secretChannel ?? 'email') : settings[field];
}

/** The problem with a settings change, or undefined when it can be applied. */
export function settingsProblem(settings: ConsultationSettings): string | undefined {
  if (settings.recovery === 'escrow' && settings.officer === null)
    return 'recovery with escrow needs a named recovery officer';
  if (settings.recovery !== 'escrow' && settings.officer !== null)
    return 'a recovery officer is named only with recovery by escrow';
  if (settings.officer !== null && settings.scrutineers.includes(settings.officer))
    return 'the recovery officer cannot also be a scrutineer of the consultation';
  if (new Set(settings.scrutineers).size !== settings.scrutineers.length)
    return 'a scrutineer is named twice';
  return undefined;
}

/** What a box has now, as far as the consultation's settings are concerned. */
export interface BoxSettingsNow {
  readonly state: string;
  /** Whether credentials were issued (the recovery choice is then closed). */
  readonly credentialsIssued: boolean;
  readonly credentialMode: 'server' | 'external';
  readonly delivery: DeliverySettings;
  readonly recovery: 'escrow' | 'none' | 'undecided';
  /** Accounts holding each role on the box's election. */
  readonly scrutineers: ReadonlySet<string>;
  readonly credentialAuthorities: ReadonlySet<string>;
}

/** What to change on one box. */
export interface BoxPlan {
  /** The new delivery settings, or null when they stay. */
  readonly delivery: DeliverySettings | null;
  readonly grants: readonly { accountId: string; role: 'scrutineer' | 'credential-authority' }[];
  /** Scrutineers the consultation no longer names, taken off this box. */
  readonly revokes: readonly { accountId: string; role: 'scrutineer' }[];
  /** Record the explicit "no recovery" choice on the box. */
  readonly noRecovery: boolean;
  /** The settings this box overrides (kept as they are). */
  readonly kept: readonly string[];
}

/** States in which a box still takes delivery settings (the sign-in mode: draft only). */
const DELIVERY_STATES = new Set(['draft', 'open']);
const ROLE_STATES = new Set(['draft', 'open', 'closed', 'tallied']);

/**
 * The change `next` makes to a box, given the consultation's `previous` settings: each field moves
 * only where the box still has the previous value (otherwise it is an override, kept).
 */
export function planBox(
  previous: ConsultationSettings,
  next: ConsultationSettings,
  box: BoxSettingsNow,
): BoxPlan {
  const kept: string[] = [];
  let delivery: DeliverySettings | null = null;
  if (DELIVERY_STATES.has(box.state)) {
    const updated: Record<string, unknown> = { ...box.delivery };
    for (const field of DELIVERY_FIELDS) {
      const now = fieldValue(box.delivery, field);
      if (fieldValue(next, field) === now) continue;
      if (now !== fieldValue(previous, field)) {
        kept.push(field);
        continue;
      }
      if (field === 'loginMode' && box.state !== 'draft') {
        kept.push(field);
        continue;
      }
      updated[field] = fieldValue(next, field);
    }
    const changed = DELIVERY_FIELDS.some((f) => updated[f] !== box.delivery[f]);
    if (changed) delivery = updated as unknown as DeliverySettings;
  }
  const grants: BoxPlan['grants'][number][] = [];
  if (ROLE_STATES.has(box.state)) {
    for (const accountId of next.scrutineers)
      if (!box.scrutineers.has(accountId)) grants.push({ accountId, role: 'scrutineer' });
    if (next.officer !== null && !box.credentialAuthorities.has(next.officer))
      grants.push({ accountId: next.officer, role: 'credential-authority' });
  }
  const revokes: BoxPlan['revokes'][number][] = [];
  const dropped = previous.scrutineers.filter((a) => !next.scrutineers.includes(a) && box.scrutineers.has(a));
  if (dropped.length > 0) {
    if (box.state === 'draft')
      for (const accountId of dropped) revokes.push({ accountId, role: 'scrutineer' });
    else kept.push('scrutineers');
  }
  const recoveryOpen = box.state === 'draft' && !box.credentialsIssued && box.credentialMode === 'server';
  let noRecovery = false;
  if (next.recovery === 'none' && box.recovery !== 'none') {
    if (recoveryOpen && box.recovery === 'undecided') noRecovery = true;
    else kept.push('recovery');
  } else if (next.recovery === 'escrow' && box.recovery === 'none') kept.push('recovery');
  return { delivery, grants, revokes, noRecovery, kept };
}
