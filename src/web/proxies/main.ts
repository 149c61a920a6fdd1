/**
 * The voter's proxy page (/proxies/:electionId, issue 17): the
 * voter signs in with their own login and password, then — before voting opens — gives their proxy
 * to another voter of the election by login, or revokes it; a holder accepts, declines or gives back
 * the proxies offered to them. Only the voter's own session does any of this: no staff page can.
 */
import { type Language, messagesFor } from '../../i18n/index.js';
import { h, replaceChildren } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { isRecord, type Result, requestJson } from '../kit/http.js';
import { initialLanguage, storeLanguage } from '../kit/language.js';
import { Announcer, failureText } from '../kit/page.js';
import { electionIdFromPath, element, PageHeader } from '../kit/shell.js';

interface ProxyView {
  id: string;
  giver: { login: string; displayName: string };
  holder: { login: string; displayName: string };
  state: string;
}
interface Mine {
  maxPerHolder: number;
  open: boolean;
  given: ProxyView[];
  offered: ProxyView[];
  held: ProxyView[];
}

const parseMine = (value: unknown): Mine | undefined =>
  isRecord(value) && Array.isArray(value.given) && Array.isArray(value.offered) && Array.isArray(value.held)
    ? (value as unknown as Mine)
    : undefined;

const person = (p: { login: string; displayName: string }) =>
  p.displayName && p.displayName !== p.login ? `${p.displayName} (${p.login})` : p.login;

class ProxyPage {
  private language: Language = initialLanguage();
  private csrf: string | undefined;
  private signedIn = false;
  private readonly header: PageHeader;
  private readonly screen = element('booth-screen');
  private readonly announcer: Announcer<ReturnType<typeof messagesFor>['booth']>;

  constructor(private readonly electionId: string) {
    this.header = new PageHeader(element('booth-header'), (language) => {
      this.language = language;
      storeLanguage(language);
      void this.render();
    });
    this.announcer = new Announcer(
      { alert: element('booth-alert'), status: element('booth-status') },
      () => messagesFor(this.language).booth,
    );
  }

  private get base(): string {
    return `/api/v1/elections/${encodeURIComponent(this.electionId)}`;
  }

  private request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
    return requestJson<T>(
      method,
      this.base + path,
      { language: this.language, body, ...(this.csrf === undefined ? {} : { csrfToken: this.csrf }) },
      (value) => value as T,
    );
  }

  /** A session already open in this browser (a reload): its CSRF token, and whether it is this election's voter. */
  async start(): Promise<void> {
    const me = await requestJson('GET', '/api/v1/auth/me', { language: this.language }, (value) =>
      isRecord(value) ? value : undefined,
    );
    if (me.ok && typeof me.value.csrfToken === 'string') {
      this.csrf = me.value.csrfToken;
      this.signedIn =
        me.value.kind === 'voter' &&
        isRecord(me.value.voter) &&
        me.value.voter.electionId === this.electionId;
    }
    await this.render();
  }

  async render(): Promise<void> {
    const t = messagesFor(this.language);
    this.header.update(this.language, t.proxies.page.title);
    document.title = `${t.proxies.page.title} – Scrutin`;
    if (!this.signedIn) return this.signInForm();
    const mine = await requestJson(
      'GET',
      `${this.base}/voter/proxies`,
      { language: this.language },
      parseMine,
    );
    if (!mine.ok) return this.announcer.showError(failureText(mine.failure));
    this.proxies(mine.value);
    this.announcer.refresh();
  }

  private signInForm(): void {
    const b = messagesFor(this.language).booth.signIn;
    const login = h('input', { id: 'login', name: 'login', autocomplete: 'username' });
    const password = h('input', { id: 'password', type: 'password', autocomplete: 'current-password' });
    replaceChildren(
      this.screen,
      h('h1', { id: 'heading', tabindex: -1 }, messagesFor(this.language).proxies.page.title),
      h('p', {}, b.intro),
      h(
        'form',
        {
          novalidate: true,
          on: {
            submit: async (event) => {
              event.preventDefault();
              const answer = await this.request<{ csrfToken: string }>('POST', '/voter/login', {
                login: login.value.trim(),
                password: password.value,
              });
              if (!answer.ok) return this.announcer.showError(failureText(answer.failure));
              this.csrf = answer.value.csrfToken;
              this.signedIn = true;
              this.announcer.showError(undefined);
              await this.render();
              document.getElementById('heading')?.focus();
            },
          },
        },
        field(b.login, login),
        field(b.password, password),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, b.submit)),
      ),
    );
  }

  private proxies(mine: Mine): void {
    const t = messagesFor(this.language).proxies;
    const act = (label: string, proxy: ProxyView, action: string) =>
      h(
        'button',
        {
          type: 'button',
          'aria-label': `${label} – ${person(action === 'revoke' && mine.given.includes(proxy) ? proxy.holder : proxy.giver)}`,
          on: {
            click: async () => {
              const answer = await this.request(
                'POST',
                `/voter/proxies/${encodeURIComponent(proxy.id)}/${action}`,
              );
              if (!answer.ok) return this.announcer.showError(failureText(answer.failure));
              this.announcer.showError(undefined);
              this.announcer.showStatus(t.page.done);
              await this.render();
            },
          },
        },
        label,
      );
    const live = mine.given.filter((p) => p.state === 'requested' || p.state === 'accepted');
    const holder = h('input', { id: 'holder', name: 'holder', autocomplete: 'off' });
    const give =
      mine.open && mine.maxPerHolder > 0 && live.length === 0 && mine.held.length === 0
        ? h(
            'form',
            {
              novalidate: true,
              on: {
                submit: async (event) => {
                  event.preventDefault();
                  const answer = await this.request('POST', '/voter/proxies', {
                    holder: holder.value.trim(),
                  });
                  if (!answer.ok) return this.announcer.showError(failureText(answer.failure));
                  this.announcer.showError(undefined);
                  this.announcer.showStatus(t.page.done);
                  await this.render();
                },
              },
            },
            field(t.page.giveLabel, holder),
            h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.page.give)),
          )
        : null;
    const list = (items: ProxyView[], row: (p: ProxyView) => (Node | string)[]) =>
      items.length === 0
        ? h('p', {}, t.page.none)
        : h('ul', { class: 'proxy-list' }, ...items.map((p) => h('li', {}, ...row(p))));
    replaceChildren(
      this.screen,
      h('h1', { id: 'heading', tabindex: -1 }, t.page.title),
      h('p', { id: 'proxy-intro' }, mine.open ? t.page.intro(mine.maxPerHolder) : t.page.closed),
      ...live.map((p) =>
        h(
          'p',
          { id: 'proxy-given' },
          t.page.given(person(p.holder), t.states[p.state] ?? p.state),
          ' ',
          mine.open ? act(t.page.revoke, p, 'revoke') : null,
        ),
      ),
      give,
      h('h2', {}, t.page.offeredTitle),
      list(mine.offered, (p) => [
        t.page.from(person(p.giver)),
        ...(mine.open ? [act(t.page.accept, p, 'accept'), act(t.page.decline, p, 'decline')] : []),
      ]),
      h('h2', {}, t.page.heldTitle),
      list(mine.held, (p) => [
        t.page.from(person(p.giver)),
        ...(mine.open ? [act(t.page.renounce, p, 'revoke')] : []),
      ]),
    );
  }
}

void new ProxyPage(electionIdFromPath('proxies')).start();
