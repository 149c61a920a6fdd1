/** Issue 16 point 10: /favicon.ico answers (it was 404 in every browser's console), as does the icon the pages name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('the favicon', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is served as SVG at /favicon.ico and /favicon.svg, with no script in it', async () => {
    const client = new Client(server.app);
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const answer = await client.send('GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.response.headers['content-type']).toBe('image/svg+xml');
      expect(answer.body.toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
      expect(answer.body.toString('utf8')).not.toMatch(/script|href=/i);
    }
  });
});
