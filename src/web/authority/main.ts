/**
 * The credential authority's page (/authority/:electionId): the only place where public credentials
 * made offline (`scrutin-tool setup generate-credentials`) are uploaded. An admin of the election can
 * neither upload them nor hold this role (issue 15): whoever knows the private credentials must not
 * also control the roll and where messages go. The page shows the election, how many voters have a
 * credential, and after an upload the fingerprint to compare with the one the tool printed.
 */

import { confirmAction } from '../kit/confirm.js';
import { h, replaceChildren } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { facts } from '../kit/format.js';
import { isRecord } from '../kit/http.js';
import { Shell } from '../kit/staff-shell.js';

interface PublicElection {
  name: string;
  state: string;
}
interface RollEntry {
  hasCredential: boolean;
}

/** The .pubcreds file as written by scrutin-tool (a JSON array), or one credential per line. */
export function parseUpload(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string')) return parsed;
    } catch {
      // Not JSON after all: read it line by line, and let the server say what is wrong.
    }
  }
  return trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function electionIdFromPath(pathname: string): string {
  const match = /^\/authority\/([^/]+)\/?$/.exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : '';
  } catch {
    return '';
  }
}

class AuthorityPage {
  readonly shell: Shell;

  constructor(private readonly electionId: string) {
    this.shell = new Shell(() => void this.show());
  }

  private get base(): string {
    return `/api/v1/elections/${encodeURIComponent(this.electionId)}`;
  }

  async start(): Promise<void> {
    await this.shell.restore();
    await this.show();
  }

  async show(): Promise<void> {
    const t = this.shell.t.admin.credentials;
    if (!this.shell.account) return this.shell.signIn(t.authoritySignIn, () => void this.show());
    this.shell.frame(t.authorityTitle);
    const api = this.shell.api;
    const [election, roll] = await Promise.all([
      api.get<PublicElection>(this.base),
      api.get<{ voters: RollEntry[] }>(`${this.base}/voters`),
    ]);
    for (const answer of [election, roll]) {
      if (answer.ok) continue;
      // Not this election's credential authority: nothing of it is shown.
      replaceChildren(this.shell.screen, h('h1', {}, t.authorityTitle));
      return this.shell.fail(answer.failure);
    }
    if (!election.ok || !roll.ok) return;
    const e = election.value;
    const voters = roll.value.voters;
    const withCredential = voters.filter((v) => v.hasCredential).length;
    this.shell.frame(`${t.authorityTitle} – ${e.name}`);
    const states = this.shell.t.admin.states as Record<string, string>;
    const lines = h('textarea', { id: 'public-credentials', rows: 8, spellcheck: false, class: 'mono' });
    const upload = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const publicCredentials = parseUpload(lines.value);
            const confirmed = await confirmAction({
              title: t.uploadConfirm,
              effects: t.uploadEffects(publicCredentials.length),
              confirmLabel: t.upload,
              cancelLabel: this.shell.t.admin.cancel,
            });
            if (!confirmed) return;
            const answer = await api.send('POST', `${this.base}/credentials/public`, { publicCredentials });
            if (!answer.ok) return this.shell.fail(answer.failure);
            const fingerprint =
              isRecord(answer.value) && typeof answer.value.fingerprint === 'string'
                ? answer.value.fingerprint
                : '?';
            await this.show();
            this.shell.announce(t.authorityFingerprint(fingerprint));
          },
        },
      },
      field(t.publicCredentials, lines),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.upload)),
    );
    replaceChildren(
      this.shell.screen,
      h('h1', { tabindex: -1 }, e.name),
      facts([
        [this.shell.t.admin.home.state, h('strong', { id: 'election-state' }, states[e.state] ?? e.state)],
      ]),
      h('p', { id: 'credential-status' }, t.withCredential(withCredential, voters.length)),
      e.state === 'draft'
        ? h('section', {}, h('p', { class: 'note' }, t.authorityIntro), upload)
        : h('p', { class: 'note' }, t.authorityNotDraft),
    );
  }
}

void new AuthorityPage(electionIdFromPath(window.location.pathname)).start();
