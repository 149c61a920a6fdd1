/**
 * Messages en français, one module per area. Typed by the English catalogue: a missing or extra
 * key is a compile error. French punctuation uses a no-break space (U+00A0) before « : ; ? ! » so
 * it never wraps alone.
 */
import type { Messages } from '../en/index.js';
import { accounts } from './accounts.js';
import { admin } from './admin.js';
import { booth } from './booth.js';
import { browserVerify } from './browser-verify.js';
import { congressDefects } from './congress-defects.js';
import { congressPages } from './congress-pages.js';
import { electionPage } from './election-page.js';
import { electionRules } from './election-rules.js';
import { format } from './format.js';
import { mail } from './mail.js';
import { officer } from './officer.js';
import { ops } from './ops.js';
import { roll } from './roll.js';
import { scrutineer } from './scrutineer.js';
import { trustee } from './trustee.js';
import { voterHelp } from './voter-help.js';

export const fr: Messages = {
  language: { code: 'fr', name: 'Français' },
  booth,
  trustee,
  electionPage,
  admin,
  scrutineer,
  mail,
  roll,
  congressPages,
  congressDefects,
  officer,
  ops,
  browserVerify,
  accounts,
  electionRules,
  format,
  voterHelp,
};
