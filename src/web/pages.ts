/**
 * THE LIST of the web pages, each declared once: the folder `src/web/<name>/` holding `main.ts` and
 * `<name>.css`, the fixed elements of its body (its frame and `<noscript>` text), the paths the
 * server serves it at, and its Web Workers. `build.ts` builds every page of this list and the server
 * (src/server/routes/static.ts) serves every route of it; nothing else names the pages. Kept apart
 * from build.ts so the server can read it without loading esbuild: data, no DOM.
 *
 * A new page: its folder, and one entry here.
 */

/**
 * The fixed elements of each page's body, which its script looks up by id: the header, the main
 * region with the screen its script draws in (first holding the `<noscript>` text), and the alert
 * (role="alert") and status (role="status", polite) regions. Three frames: the staff pages', the
 * booth's, and the public pages' (election page: no status line; trustee page: one).
 */
export interface Frame {
  readonly prefix: 'page' | 'booth';
  readonly headerClass: string;
  readonly mainClass: string;
  readonly screen: string;
  /** Whether the alert and status regions sit in a `.messages` box, and whether there is a status. */
  readonly messages: 'boxed' | 'alert-and-status' | 'alert-only';
}
const STAFF: Frame = {
  prefix: 'page',
  headerClass: 'page-header',
  mainClass: 'page-main',
  screen: 'page-screen',
  messages: 'boxed',
};

/**
 * Who may load a page at a path: `open`, anyone (the page itself asks the API, which decides); or
 * `election`, the public pages of an election, answered with 404 where its public API answers 404
 * (a draft, to anyone but its staff; an unknown id), so a crawler sees the status the page says.
 */
export type PageAccess = 'open' | 'election';

/** A Web Worker of a page: `src/web/<page>/<entry>` → `/assets/<out>-HASH.js`, its URL in `define`. */
export interface PageWorker {
  readonly entry: string;
  readonly out: string;
  readonly define: string;
}

export interface PageDeclaration extends Frame {
  readonly name: string;
  readonly noscript: readonly string[];
  readonly routes: readonly { readonly path: string; readonly access: PageAccess }[];
  readonly workers?: readonly PageWorker[];
}

export const PAGES = [
  {
    name: 'booth',
    prefix: 'booth',
    headerClass: 'booth-header',
    mainClass: 'booth-main',
    screen: 'booth-screen',
    messages: 'alert-and-status',
    noscript: [
      '<p lang="fr">Cet isoloir a besoin de JavaScript\u00a0: votre vote est chiffré dans votre navigateur avant d’être envoyé.</p>',
      '<p lang="en">This voting booth needs JavaScript: your vote is encrypted in your browser before it is sent.</p>',
    ],
    routes: [{ path: '/vote/:electionId', access: 'election' }],
  },
  {
    name: 'trustee',
    prefix: 'page',
    headerClass: 'booth-header',
    mainClass: 'booth-main',
    screen: 'page-content',
    messages: 'alert-and-status',
    noscript: [
      '<p lang="fr">Cette page a besoin de JavaScript : vos clés d’assesseur sont créées et utilisées dans votre navigateur, jamais sur le serveur.</p>',
      '<p lang="en">This page needs JavaScript: your trustee keys are made and used in your browser, never on the server.</p>',
    ],
    routes: [{ path: '/trustee/:electionId', access: 'open' }],
    // The shuffle worker (a trustee's turn in the mixnet): its hashed URL reaches the bundle through this `define`.
    workers: [{ entry: 'shuffle-worker.ts', out: 'shuffle-worker', define: '__SCRUTIN_SHUFFLE_WORKER__' }],
  },
  {
    name: 'election',
    prefix: 'page',
    headerClass: 'booth-header',
    mainClass: 'booth-main page-main',
    screen: 'page-content',
    messages: 'alert-only',
    noscript: [
      '<p lang="fr">Cette page a besoin de JavaScript pour lire le tableau d’affichage public de l’élection.</p>',
      '<p lang="en">This page needs JavaScript to read the election’s public ballot board.</p>',
    ],
    routes: [{ path: '/elections/:electionId', access: 'election' }],
    // The verification worker: its hashed URL reaches the page bundle through this `define`.
    workers: [{ entry: 'verify-worker.ts', out: 'verify-worker', define: '__SCRUTIN_VERIFY_WORKER__' }],
  },
  {
    name: 'admin',
    ...STAFF,
    noscript: [
      '<p lang="fr">Ces pages d’administration ont besoin de JavaScript.</p>',
      '<p lang="en">These administration pages need JavaScript.</p>',
    ],
    routes: [
      { path: '/admin', access: 'open' },
      { path: '/admin/elections/:electionId', access: 'open' },
      // Invitation and reset links (the token is in the fragment): the password screen.
      { path: '/account/password', access: 'open' },
      { path: '/admin/consultations/:consultationId', access: 'open' },
    ],
  },
  {
    name: 'scrutineer',
    ...STAFF,
    noscript: [
      '<p lang="fr">La console des scrutateurs a besoin de JavaScript.</p>',
      '<p lang="en">The scrutineer console needs JavaScript.</p>',
    ],
    routes: [{ path: '/scrutineer/:electionId', access: 'open' }],
  },
  {
    name: 'authority',
    ...STAFF,
    noscript: [
      '<p lang="fr">La page de l’autorité de codes de vote a besoin de JavaScript.</p>',
      '<p lang="en">The credential authority’s page needs JavaScript.</p>',
    ],
    routes: [{ path: '/authority/:electionId', access: 'open' }],
  },
  {
    name: 'officer',
    ...STAFF,
    noscript: [
      '<p lang="fr">La page du responsable de la récupération a besoin de JavaScript : votre clé privée est lue et utilisée dans votre navigateur, jamais envoyée.</p>',
      '<p lang="en">The recovery officer’s page needs JavaScript: your private key is read and used in your browser, never sent.</p>',
    ],
    routes: [{ path: '/officer', access: 'open' }],
  },
  {
    name: 'home',
    ...STAFF,
    noscript: [
      '<h1 lang="fr">Scrutin : élections vérifiables de bout en bout</h1>',
      '<p lang="fr">Votant·es : utilisez le lien du message reçu pour votre élection. Équipe : <a href="/admin">se connecter</a>.</p>',
      '<h1 lang="en">Scrutin: end-to-end verifiable elections</h1>',
      '<p lang="en">Voters: use the link in the message you received for your election. Staff: <a href="/admin">sign in</a>.</p>',
    ],
    routes: [
      // The landing page names nothing private (no organisation, no election).
      { path: '/', access: 'open' },
    ],
  },
  {
    name: 'operator',
    ...STAFF,
    noscript: [
      '<p lang="fr">La console de l’opérateur a besoin de JavaScript.</p>',
      '<p lang="en">The operator console needs JavaScript.</p>',
    ],
    routes: [{ path: '/operator', access: 'open' }],
  },
] as const satisfies readonly PageDeclaration[];

export type PageName = (typeof PAGES)[number]['name'];

/** The declaration of a page, by name. */
export function pageNamed(name: PageName): PageDeclaration {
  return PAGES.find((page) => page.name === name)!;
}

/** Content-hashed outputs (`<page>-<HASH>.js|css[.map]`): the only files under /assets/ the server serves. */
export const HASHED_OUTPUT = /^[a-z][a-z-]*-[A-Z0-9]+\.(js|css)(\.map)?$/;
