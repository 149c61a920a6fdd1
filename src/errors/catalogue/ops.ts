/** Operations: what the server is not configured for. */
import type { ErrorMessages } from './entry.js';

export const opsErrors = {
  SCR_MAIL_NOT_CONFIGURED: {
    kind: 'unavailable',
    en: 'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
    fr: "Le courrier n'est pas configuré sur ce serveur : définissez SMTP_URL (voir docs/deploy.md). Rien n'a été mis en file d'attente.",
  },
} as const satisfies Record<string, ErrorMessages>;
