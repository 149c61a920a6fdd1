/**
 * The web clients, each a folder of src/web built into dist/web/<page>.html by build.ts. Kept apart
 * from build.ts so the server can name pages without loading esbuild. Adding a page is one line here
 * and one route in src/server/routes/static.ts.
 */
export const PAGES = [
  'booth',
  'trustee',
  'election',
  // page: trustee, election (keep this marker line)
  'admin',
  'scrutineer',
  // page: admin, scrutineer (keep this marker line)
  'authority',
  // page: authority (keep this marker line)
  'home',
  'operator',
  // page: home, operator (keep this marker line)
] as const;
export type PageName = (typeof PAGES)[number];

/** Content-hashed outputs (`<page>-<HASH>.js|css[.map]`): the only files under /assets/ the server serves. */
export const HASHED_OUTPUT = /^[a-z][a-z-]*-[A-Z0-9]+\.(js|css)(\.map)?$/;
