/**
 * The shapes a consultation is made from: the template every box is created with (group, calendar,
 * questions), and the inputs an org admin sends to create a consultation or add a paper box. Kept
 * apart so the modules that check inputs and set up boxes need not import the service.
 */

import type { HomomorphicQuestion } from '../protocol/messages.js';
import type { ConsultationSettings } from './consultation-settings.js';

export interface ConsultationTemplate {
  readonly groupName: string;
  readonly timeZone: string;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly questions: readonly HomomorphicQuestion[];
  /** The consultation-wide settings (consultation-settings.ts); absent until first set. */
  readonly settings?: ConsultationSettings;
}

export interface CreateConsultationInput {
  name: string;
  description: string;
  timeZone: string;
  group?: string;
  questions: unknown;
  opensAt?: string | null;
  closesAt?: string | null;
  boxes: readonly { label: string }[];
  rule?: unknown;
  /** Every box gets a server-held key (the weakest mode, labelled as such). */
  serverTrustee?: boolean;
  /** External Single trustees shared by every box (public keys only). */
  trustees?: readonly { displayName: string; publicKey: string }[];
}

export interface PaperBoxInput {
  label: string;
  replaces?: string | null;
  enteredBy: string;
  figures: unknown;
  report: { fileName: string; contentBase64?: string; sha256?: string };
}
