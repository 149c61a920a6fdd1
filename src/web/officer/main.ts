/**
 * The recovery officer's page (/officer, issue 16): every election and consultation box the signed-in
 * account is the recovery officer of, with the voters' requests for their credential (from "I lost
 * my credential", the help desk, or an address corrected after opening). The officer approves or
 * refuses each (audited; a refused voter is told by mail), then opens the escrows of approved
 * requests here, in the browser, with their private key file — read locally like the trustee's, held
 * in this page's memory only and never sent — with the same code as `scrutin-tool recovery decrypt`
 * (src/protocol/recovery-batch.ts). Only the opened credentials are sent, and the server checks each
 * against its voter's public credential before mailing it to the registered address.
 */

import { requireGroup } from '../../core/group.js';
import {
  generateOfficerKey,
  parseOfficerPrivateKey,
  serializeOfficerPrivateKey,
  serializeOfficerPublicKey,
} from '../../protocol/credential-escrow.js';
import { decryptBatch } from '../../protocol/recovery-batch.js';
import { confirmAction } from '../kit/confirm.js';
import { focusElement, h, replaceChildren } from '../kit/dom.js';
import { facts, formatInstant } from '../kit/format.js';
import type { Failure } from '../kit/http.js';
import { Shell } from '../kit/staff-shell.js';

interface Request {
  id: string;
  voterId: string;
  login: string;
  displayName: string;
  origin: string;
  state: string;
  createdAt: string;
  decidedAt: string | null;
  completedAt: string | null;
}
interface Duty {
  electionId: string;
  name: string;
  state: string;
  group: string;
  recovery: string;
  fingerprint: string | null;
  consultation: { id: string; name: string; round: number; box: string; annulled: boolean } | null;
  requests: Request[];
}

/** A key file the officer picked: its text stays in this object, in this page, and goes nowhere. */
interface LoadedKey {
  readonly text: string;
  readonly group: string;
}

const KEY_INPUT = 'officer-key-file';

class OfficerPage {
  readonly shell: Shell;
  private key: LoadedKey | undefined;
  private keyError: string | undefined;
  /** A key pair made here, its private file offered as a download until the public key is sent. */
  private made: { readonly publicKey: string; readonly url: string } | undefined;

  constructor() {
    this.shell = new Shell(() => void this.show());
  }

  async start(): Promise<void> {
    await this.shell.restore();
    await this.show();
  }

  private base(electionId: string): string {
    return `/api/v1/elections/${encodeURIComponent(electionId)}/recovery`;
  }

  async show(focus?: string): Promise<void> {
    const t = this.shell.t.officer;
    if (!this.shell.account) return this.shell.signIn(t.signInIntro, () => void this.show());
    this.shell.frame(t.title);
    const heading = h('h1', { tabindex: -1 }, t.title);
    const duties = await this.shell.api.get<{ elections: Duty[] }>('/api/v1/account/recovery-duties');
    if (!duties.ok) {
      replaceChildren(this.shell.screen, heading);
      return this.shell.fail(duties.failure);
    }
    const list = duties.value.elections;
    replaceChildren(
      this.shell.screen,
      heading,
      h('p', { class: 'note' }, t.intro),
      ...(list.length === 0
        ? [h('p', { id: 'officer-none' }, t.none)]
        : [this.keySection(list), ...list.map((d) => this.dutySection(d))]),
    );
    const target = focus ? document.getElementById(focus) : null;
    focusElement(target ?? heading);
  }

  /** Draft elections whose escrow still waits for this officer's key. */
  private needingKey(duties: readonly Duty[]): Duty[] {
    return duties.filter(
      (d) =>
        d.state === 'draft' && d.recovery !== 'none' && d.fingerprint === null && !d.consultation?.annulled,
    );
  }

  private keySection(duties: readonly Duty[]): HTMLElement {
    const t = this.shell.t.officer;
    const needing = this.needingKey(duties);
    const hintId = `${KEY_INPUT}-hint`;
    const stateId = `${KEY_INPUT}-state`;
    const input = h('input', {
      id: KEY_INPUT,
      type: 'file',
      accept: '.privkey,.key,.json,text/plain',
      'aria-describedby': `${hintId} ${stateId}`,
      'aria-invalid': this.keyError ? 'true' : undefined,
      on: { change: () => void this.loadKey(input) },
    });
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'officer-key-heading' },
      h('h2', { id: 'officer-key-heading' }, t.key.heading),
      h(
        'div',
        { class: 'field' },
        h('label', { for: KEY_INPUT }, t.key.label),
        h('p', { id: hintId, class: 'hint' }, t.key.hint),
        input,
        h(
          'p',
          { id: stateId, class: this.keyError ? 'field-error' : 'hint' },
          this.keyError ?? (this.key ? t.key.loaded(this.key.group) : ''),
        ),
      ),
      needing.length > 0 ? this.makeKey(needing) : null,
    );
  }

  /** Key generation, as on the trustee page: the private file is a download, only the public key is sent. */
  private makeKey(needing: readonly Duty[]): HTMLElement {
    const t = this.shell.t.officer;
    if (!this.made)
      return h(
        'div',
        { id: 'officer-make-key' },
        h('p', {}, t.key.makeIntro),
        h(
          'button',
          {
            type: 'button',
            id: 'officer-make',
            on: {
              click: () => {
                const group = requireGroup(needing[0]!.group);
                const pair = generateOfficerKey(group);
                const text = serializeOfficerPrivateKey(group, pair.privateKey);
                // The only place the private key is written out: into a Blob that stays in this browser.
                const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
                this.made = { publicKey: serializeOfficerPublicKey(pair.publicKey), url };
                this.key = { text, group: group.name };
                this.keyError = undefined;
                void this.show('officer-download');
              },
            },
          },
          t.key.make,
        ),
      );
    return h(
      'div',
      { id: 'officer-make-key' },
      h(
        'p',
        {},
        h('a', { id: 'officer-download', href: this.made.url, download: 'recovery.privkey' }, t.key.download),
      ),
      h('p', { class: 'note' }, t.key.keep),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'officer-send-key',
          on: { click: () => void this.sendKey(needing) },
        },
        t.key.saved,
      ),
    );
  }

  private async sendKey(needing: readonly Duty[]): Promise<void> {
    const made = this.made;
    if (!made) return;
    let count = 0;
    const consultations = new Set<string>();
    for (const duty of needing) {
      // A consultation's boxes take the key in one call (every draft box the officer serves).
      if (duty.consultation) {
        if (consultations.has(duty.consultation.id)) continue;
        consultations.add(duty.consultation.id);
        const answer = await this.shell.api.send<{ boxes: number }>(
          'PUT',
          `/api/v1/consultations/${encodeURIComponent(duty.consultation.id)}/recovery/officer-key`,
          { publicKey: made.publicKey },
        );
        if (!answer.ok) return this.failAfterRefresh(answer.failure);
        count += answer.value.boxes;
      } else {
        const answer = await this.shell.api.send('PUT', `${this.base(duty.electionId)}/officer-key`, {
          publicKey: made.publicKey,
        });
        if (!answer.ok) return this.failAfterRefresh(answer.failure);
        count += 1;
      }
    }
    URL.revokeObjectURL(made.url);
    this.made = undefined;
    await this.show();
    this.shell.announce(this.shell.t.officer.key.sentKey(count));
  }

  private async loadKey(input: HTMLInputElement): Promise<void> {
    const t = this.shell.t.officer;
    const file = input.files?.[0];
    if (!file) return;
    // A key file is a few hundred bytes: anything much larger is not one (and is not read whole).
    const text = file.size > 100_000 ? '' : await file.text();
    const parsed = parseOfficerPrivateKey(text);
    if (parsed.ok) {
      this.key = { text, group: parsed.group.name };
      this.keyError = undefined;
    } else {
      this.key = undefined;
      this.keyError = t.key.notAKey(file.name);
    }
    await this.show(KEY_INPUT);
  }

  private dutySection(duty: Duty): HTMLElement {
    const t = this.shell.t.officer;
    const states = this.shell.t.admin.states as Record<string, string>;
    const vh = this.shell.t.voterHelp.page;
    const id = `duty-${duty.electionId}`;
    const title = duty.consultation
      ? `${t.box(duty.consultation.name, duty.consultation.box)} (${t.round(duty.consultation.round)})`
      : duty.name;
    const pending = duty.requests.filter((r) => r.state === 'pending');
    const approved = duty.requests.filter((r) => r.state === 'approved');
    const decided = duty.requests.filter((r) => r.state === 'rejected' || r.state === 'completed');
    const open = duty.state === 'open' && !duty.consultation?.annulled;
    const when = (iso: string | null) => formatInstant(iso, 'UTC', this.shell.language);
    const body: (HTMLElement | null)[] = [];
    if (duty.consultation?.annulled) body.push(h('p', { class: 'note' }, t.annulled));
    else if (!open) body.push(h('p', { class: 'note' }, t.notOpen));
    if (open) {
      body.push(h('h3', { id: `${id}-pending` }, t.pending));
      body.push(
        pending.length === 0
          ? h('p', {}, t.noPending)
          : h(
              'div',
              { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-pending`, tabindex: 0 },
              h(
                'table',
                { class: 'requests', 'aria-labelledby': `${id}-pending` },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ...[
                      t.columns.login,
                      t.columns.name,
                      t.columns.origin,
                      t.columns.asked,
                      t.columns.action,
                    ].map((c) => h('th', { scope: 'col' }, c)),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  ...pending.map((r) =>
                    h(
                      'tr',
                      {},
                      h('th', { scope: 'row' }, r.login),
                      h('td', {}, r.displayName),
                      h(
                        'td',
                        {},
                        vh.recoveryOrigins[r.origin as keyof typeof vh.recoveryOrigins] ?? r.origin,
                      ),
                      h('td', {}, when(r.createdAt)),
                      h(
                        'td',
                        { class: 'actions' },
                        h(
                          'button',
                          {
                            type: 'button',
                            'aria-label': t.approveLabel(r.login),
                            on: { click: () => void this.decide(duty, r, true) },
                          },
                          t.approve,
                        ),
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'danger',
                            'aria-label': t.refuseLabel(r.login),
                            on: { click: () => void this.decide(duty, r, false) },
                          },
                          t.refuse,
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
      );
      if (approved.length > 0) {
        body.push(
          h('h3', { id: `${id}-approved` }, t.toSend),
          h(
            'ul',
            { 'aria-labelledby': `${id}-approved` },
            ...approved.map((r) => h('li', {}, `${r.login} — ${r.displayName}`)),
          ),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                id: `${id}-send`,
                on: { click: () => void this.openAndSend(duty, approved.length) },
              },
              t.send(approved.length),
            ),
          ),
        );
      }
    }
    if (decided.length > 0) {
      body.push(
        h('h3', { id: `${id}-decided` }, t.history),
        h(
          'ul',
          { 'aria-labelledby': `${id}-decided` },
          ...decided.map((r) =>
            h(
              'li',
              {},
              t.historyLine(r.login, t.decidedStates[r.state] ?? r.state, when(r.completedAt ?? r.decidedAt)),
            ),
          ),
        ),
      );
    }
    return h(
      'section',
      { class: 'card', id, 'aria-labelledby': `${id}-heading` },
      h('h2', { id: `${id}-heading` }, title),
      facts([
        [t.state, states[duty.state] ?? duty.state],
        [t.recovery, t.recoveryChoice[duty.recovery] ?? duty.recovery],
        [t.fingerprint, h('span', { class: 'mono' }, duty.fingerprint ?? t.noKeyYet)],
      ]),
      ...body,
    );
  }

  private async decide(duty: Duty, request: Request, approve: boolean): Promise<void> {
    const t = this.shell.t.officer;
    const confirmed = await confirmAction({
      title: approve ? t.approveTitle(request.login) : t.refuseTitle(request.login),
      effects: approve ? t.approveEffects : t.refuseEffects,
      confirmLabel: approve ? t.approve : t.refuse,
      cancelLabel: t.dialogCancel,
      danger: !approve,
    });
    if (!confirmed) return;
    const answer = await this.shell.api.send('POST', `${this.base(duty.electionId)}/decisions`, {
      requestId: request.id,
      approve,
    });
    if (!answer.ok) return this.failAfterRefresh(answer.failure);
    await this.show(approve ? `duty-${duty.electionId}-send` : undefined);
    this.shell.announce(approve ? t.approved(request.login) : t.refused(request.login));
  }

  /** The escrow batch is fetched, opened here with the loaded key, and only the credentials are sent. */
  private async openAndSend(duty: Duty, count: number): Promise<void> {
    const t = this.shell.t.officer;
    if (!this.key) {
      this.shell.problem(t.key.needed);
      return focusElement(document.getElementById(KEY_INPUT));
    }
    const confirmed = await confirmAction({
      title: t.sendTitle,
      effects: t.sendEffects(count),
      confirmLabel: t.send(count),
      cancelLabel: t.dialogCancel,
    });
    if (!confirmed) return;
    const batch = await this.shell.api.get<{ items: unknown[] }>(
      `${this.base(duty.electionId)}/escrow-batch`,
    );
    if (!batch.ok) return this.failAfterRefresh(batch.failure);
    if (batch.value.items.length === 0) {
      await this.show();
      return this.shell.problem(t.nothingToSend);
    }
    const opened = decryptBatch(this.key.text, JSON.stringify(batch.value));
    if (!opened.ok) return this.shell.problem(t.openFailed(opened.problem));
    const answer = await this.shell.api.send<{ sent: number; alreadySent: number }>(
      'POST',
      `${this.base(duty.electionId)}/recovered-credentials`,
      { recovered: opened.output },
    );
    if (!answer.ok) return this.failAfterRefresh(answer.failure);
    await this.show(`duty-${duty.electionId}-heading`);
    this.shell.announce(t.sent(answer.value.sent, answer.value.alreadySent));
  }

  /** A refused or stale action: the page shows things as they now are, and the server's reason. */
  private async failAfterRefresh(failure: Failure): Promise<void> {
    await this.show();
    this.shell.fail(failure);
  }
}

void new OfficerPage().start();
