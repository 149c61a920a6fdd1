/**
 * What the transports make of a mail server's answers and of the environment: which SMTP errors
 * fail a message for good and which are retried, the one-line bounded reason kept in its status,
 * the demo's logging transport that refuses (never "accepts") and names voters by id only, and the
 * choice of transport from SMTP_URL.
 */
import { describe, expect, it } from 'vitest';
import {
  classifySmtpError,
  loggingTransport,
  mailTransportFromEnvironment,
  NOT_SENT_REASON,
  type OutgoingMessage,
  shortReason,
  smtpConfigured,
  testTransport,
} from './transport.js';

/** The longest reason a message's status keeps. */
const REASON_LENGTH = 300;

const message: OutgoingMessage = {
  id: 'out-1',
  electionId: 'E1',
  voterId: 'voter-7',
  channel: 'email',
  to: 'ana@example.org',
  subject: 'Your voting credential',
  text: 'Credential: 123-456-789 (secret)',
  html: null,
  messageId: '<out-1@vote.example.org>',
  language: 'en',
};

describe('classifySmtpError', () => {
  it('fails a message for good on a 5xx reply, with the server’s words as the reason', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such mailbox' })).toEqual({
      kind: 'permanent',
      reason: '550 5.1.1 No such mailbox',
    });
  });

  it('retries a 4xx reply, a network error and a 5xx authentication failure (a setting, not the message)', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.7.1 Greylisted' })).toEqual({
      kind: 'temporary',
      reason: '451 4.7.1 Greylisted',
    });
    expect(classifySmtpError({ code: 'ECONNRESET', message: 'socket hang up' })).toEqual({
      kind: 'temporary',
      reason: 'ECONNRESET: socket hang up',
    });
    expect(
      classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }),
    ).toEqual({ kind: 'temporary', reason: '535 Authentication failed' });
    expect(classifySmtpError('timeout')).toEqual({ kind: 'temporary', reason: 'timeout' });
  });
});

describe('shortReason', () => {
  it(`keeps one line of at most ${REASON_LENGTH} characters`, () => {
    expect(shortReason('  550 5.1.1\r\n  No such\tmailbox  ')).toBe('550 5.1.1 No such mailbox');
    const long = shortReason('x'.repeat(REASON_LENGTH + 50));
    expect(long).toHaveLength(REASON_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    expect(shortReason('y'.repeat(REASON_LENGTH))).toBe('y'.repeat(REASON_LENGTH));
  });
});

describe('loggingTransport', () => {
  it('refuses every message for good and notes it by voter id only: no address, no body, no secret', async () => {
    const lines: string[] = [];
    const transport = loggingTransport('email', (line) => lines.push(line));
    expect(await transport.send(message)).toEqual({ kind: 'permanent', reason: NOT_SENT_REASON });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('voter-7');
    for (const secret of ['ana@example.org', '123-456-789', 'Your voting credential'])
      expect(lines[0]).not.toContain(secret);
  });
});

describe('testTransport', () => {
  it('keeps what it accepted, and answers as its script says, attempt by attempt', async () => {
    const transport = testTransport();
    transport.script = (_, attempt) =>
      attempt === 1 ? { kind: 'temporary', reason: '451 later' } : { kind: 'accepted', response: '250 OK' };
    expect((await transport.send(message)).kind).toBe('temporary');
    expect(transport.accepted).toEqual([]);
    expect((await transport.send(message)).kind).toBe('accepted');
    expect(transport.accepted).toEqual([message]);
  });
});

describe('the transport from the environment', () => {
  it('needs a non-blank SMTP_URL for SMTP; without one, messages are refused, and the operator is told once', async () => {
    expect(smtpConfigured({})).toBe(false);
    expect(smtpConfigured({ SMTP_URL: '  ' })).toBe(false);
    expect(smtpConfigured({ SMTP_URL: 'smtp://mail.example.org:25' })).toBe(true);
    const lines: string[] = [];
    const transport = mailTransportFromEnvironment({ SMTP_URL: ' ' }, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringContaining('SMTP_URL is not set')]);
    expect(await transport.send(message)).toEqual({ kind: 'permanent', reason: NOT_SENT_REASON });
  });
});
