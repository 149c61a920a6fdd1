/**
 * English messages: the reference catalogue, one module per area (booth, trustee, admin, mail…).
 * Its shape is the `Messages` type, so another language missing a key, adding one, or giving a
 * function the wrong parameters fails to compile. Messages that depend on numbers are functions,
 * so each language handles its own plurals. A new area: one file here, one in every other
 * language folder, and its line below and in theirs.
 */

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

export const en = {
  language: { code: 'en', name: 'English' },
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

export type Messages = typeof en;
