/**
 * Entry point of the admin pages: /admin (organisations, members, elections) and
 * /admin/elections/:id (one election). Signs in first when no account session is open.
 */

import { ElectionPage } from './election.js';
import { renderHome } from './home.js';
import { Shell } from './shell.js';

function electionIdFromPath(pathname: string): string | undefined {
  const match = /^\/admin\/elections\/([^/]+)\/?$/.exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const electionId = electionIdFromPath(window.location.pathname);
  let page: ElectionPage | undefined;
  const show = async (): Promise<void> => {
    if (!shell.account) return shell.signIn(shell.t.admin.signIn.intro, () => void show());
    if (electionId === undefined) return renderHome(shell);
    page ??= new ElectionPage(shell, electionId);
    return page.render();
  };
  const shell: Shell = new Shell(() => void show());
  await shell.restore();
  await show();
}

void main();
