/**
 * The SMS gateway transport (sms.ts): what each HTTP answer means for the message, the documented
 * request, and that nothing of the gateway's answer body is kept.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySmsStatus, httpSmsTransport, smsConfigured } from './sms.js';
import type { OutgoingMessage } from './transport.js';

const message: OutgoingMessage = {
  id: 'out-1',
  electionId: 'e',
  voterId: 'v',
  channel: 'sms',
  to: '+33612345678',
  subject: 'ignored',
  text: 'Board: password for ana: SECRETSECRETSECR',
  html: null,
  messageId: '<abc@example.org>',
  language: 'fr',
};

describe('classifySmsStatus', () => {
  it('accepts 2xx, retries 408, 429, 401, 403 and 5xx, refuses other 4xx for good', () => {
    expect(classifySmsStatus(202, 'Accepted').kind).toBe('accepted');
    for (const status of [408, 429, 401, 403, 500, 502, 503])
      expect(classifySmsStatus(status, '').kind).toBe('temporary');
    for (const status of [400, 404, 410, 422]) expect(classifySmsStatus(status, '').kind).toBe('permanent');
    expect(classifySmsStatus(422, 'Unprocessable Entity')).toEqual({
      kind: 'permanent',
      reason: 'HTTP 422 Unprocessable Entity',
    });
  });
});

describe('httpSmsTransport', () => {
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  let status = 200;
  let answer = '{"id":"gw-42"}';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the documented JSON with the bearer token and the idempotency key', async () => {
    const result = await httpSmsTransport({ url, token: 'tok' }).send(message);
    expect(result).toEqual({ kind: 'accepted', response: 'HTTP 200 OK id gw-42' });
    const last = seen.at(-1)!;
    expect(last.headers.authorization).toBe('Bearer tok');
    expect(last.headers['idempotency-key']).toBe('<abc@example.org>');
    expect(JSON.parse(last.body)).toEqual({
      to: '+33612345678',
      text: message.text,
      reference: 'out-1',
      language: 'fr',
    });
  });

  it('keeps the status line only, never the body a gateway echoes', async () => {
    status = 500;
    answer = JSON.stringify({ error: message.text });
    const result = await httpSmsTransport({ url, token: '' }).send(message);
    expect(result).toEqual({ kind: 'temporary', reason: 'HTTP 500 Internal Server Error' });
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    status = 200;
    answer = JSON.stringify({ id: message.text });
    // An id that is not a short plain token (here, the text itself) is dropped.
    expect(await httpSmsTransport({ url, token: 'tok' }).send(message)).toEqual({
      kind: 'accepted',
      response: 'HTTP 200 OK',
    });
  });

  it('retries when the gateway cannot be reached', async () => {
    const result = await httpSmsTransport({ url: 'http://127.0.0.1:1/sms', token: 'tok' }).send(message);
    expect(result.kind).toBe('temporary');
    expect(result.kind === 'temporary' && result.reason).toMatch(/^SMS gateway unreachable/);
  });

  it('is configured by SMS_URL', () => {
    expect(smsConfigured({ SMS_URL: 'https://sms.example.org/send' })).toBe(true);
    expect(smsConfigured({ SMS_URL: ' ' })).toBe(false);
    expect(smsConfigured({})).toBe(false);
  });
});
