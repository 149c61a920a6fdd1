/**
 * Entry point of the admin pages: /admin (organisations, members, consultations, elections),
 * /admin/elections/:id (one election) and /admin/consultations/:id (one consultation). Signs in
 * first when no account session is open. /account/password (an invitation or reset link) needs none.
 */

import { Shell } from '../kit/staff-shell.js';
import { forgottenPanel, renderSetPassword } from './account.js';
import { ConsultationPage } from './consultation.js';
import { AdminElectionPage } from './election.js';
import { renderHome } from './home.js';

function idFromPath(pathname: string, kind: 'elections' | 'consultations'): string | undefined {
  const match = new RegExp(`^/admin/${kind}/([^/]+)/?$`).exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const electionId = idFromPath(window.location.pathname, 'elections');
  const consultationId = idFromPath(window.location.pathname, 'consultations');
  let page: AdminElectionPage | undefined;
  let consultation: ConsultationPage | undefined;
  const show = async (): Promise<void> => {
    // An invitation or reset link: no session needed, nor wanted.
    if (window.location.pathname === '/account/password') return renderSetPassword(shell);
    if (!shell.account)
      return shell.signIn(shell.t.admin.signIn.intro, () => void show(), forgottenPanel(shell));
    if (consultationId !== undefined) {
      consultation ??= new ConsultationPage(shell, consultationId);
      return consultation.render();
    }
    if (electionId === undefined) return renderHome(shell);
    page ??= new AdminElectionPage(shell, electionId);
    return page.render();
  };
  const shell: Shell = new Shell(() => void show());
  await shell.restore();
  await show();
}

void main();
