/** Operations: what the server is not configured for. */
import type { ErrorMessages } from './entry.js';

export const opsErrors = {
  SCR_MAIL_NOT_CONFIGURED: {
    kind: 'unavailable',
    en: 'Mail is not configured on this server: set SMTP_URL (see docs/deploy.md). Nothing was queued.',
    fr: "Le courrier n'est pas configuré sur ce serveur : définissez SMTP_URL (voir docs/deploy.md). Rien n'a été mis en file d'attente.",
  },
  SCR_SMS_NOT_CONFIGURED: {
    kind: 'unavailable',
    en: 'SMS is not configured on this server: set SMS_URL and SMS_TOKEN (see docs/sms-gateway.md). Nothing was changed or queued.',
    fr: "Les SMS ne sont pas configurés sur ce serveur : définissez SMS_URL et SMS_TOKEN (voir docs/sms-gateway.md). Rien n'a été modifié ni mis en file d'attente.",
  },
} as const satisfies Record<string, ErrorMessages>;
