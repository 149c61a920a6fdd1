/**
 * A real SMTP server in the test process (smtp-server) standing for the voters' mail providers: it
 * receives what the sender sends over TCP, parses each message with mailparser, and answers what the
 * test scripts per message — accept (250), a temporary (4xx) or permanent (5xx) refusal, a dropped
 * connection, or no answer at all (to kill the sender while messages are in flight). Only messages it
 * answered 250 to count as received, as with a real mail server.
 */
import type { Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailedElection, organisationWithAdmin } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

export interface ReceivedMail {
  readonly to: string;
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly raw: string;
  readonly language: string | undefined;
}

export type Verdict =
  | { kind: 'accept' }
  | { kind: 'reject'; code: number; message: string }
  | { kind: 'drop' }
  | { kind: 'hold' };

export interface SmtpSink {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Every DATA seen, answered or not (attempts). */
  readonly attempts: ReceivedMail[];
  decide: (mail: ReceivedMail, attempt: number) => Verdict;
  /** Messages (Message-IDs) to `to`. */
  mailTo(to: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: { parse?: boolean } = {}): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const sockets = new Map<number, Socket>();
  const held: (() => void)[] = [];
  const perMessage = new Map<string, number>();
  const sink: SmtpSink = {
    url: '',
    received: [],
    attempts: [],
    decide: () => ({ kind: 'accept' }),
    mailTo: (to) => sink.received.filter((m) => m.to === to),
    close: async () => {
      for (const release of held) release();
      for (const socket of sockets.values()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        let mail: ReceivedMail;
        if (parse) {
          const parsed: ParsedMail = await simpleParser(raw);
          mail = {
            to,
            messageId: parsed.messageId ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            raw,
            language: parsed.headers.get('content-language')?.toString(),
          };
        } else {
          mail = {
            to,
            messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
            subject: '',
            text: '',
            html: '',
            raw: '',
            language: undefined,
          };
        }
        sink.attempts.push(mail);
        const attempt = (perMessage.get(mail.messageId) ?? 0) + 1;
        perMessage.set(mail.messageId, attempt);
        const verdict = sink.decide(mail, attempt);
        switch (verdict.kind) {
          case 'accept':
            sink.received.push(mail);
            return callback(null, 'Queued');
          case 'reject':
            return callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
          case 'drop':
            sockets.get(session.remotePort)?.destroy();
            return;
          case 'hold':
            held.push(() => callback(Object.assign(new Error('shutting down'), { responseCode: 421 })));
            return;
        }
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port !== undefined) sockets.set(port, socket);
    socket.on('close', () => port !== undefined && sockets.delete(port));
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  (sink as { url: string }).url = `smtp://127.0.0.1:${port}`;
  return sink;
}

/** The voting credential in a message body (XXX-XXX-XXX-XXX-XXX), if any. */
export function credentialIn(text: string): string | undefined {
  return /\b[1-9A-HJ-NP-Za-km-z]{3}(?:-[1-9A-HJ-NP-Za-km-z]{3}){4}\b/.exec(text)?.[0];
}

/** The password line of a password message. */
export function passwordIn(text: string): string | undefined {
  return /(?:Your password|Votre mot de passe)\s?: ([1-9A-HJ-NP-Za-km-z]{16})/.exec(text)?.[1];
}

export function loginIn(text: string): string | undefined {
  return /(?:Your login|Votre identifiant)\s?: (\S+)/.exec(text)?.[1];
}

/**
 * What the delivery tests start from: an in-process server (store at `databaseUrl`, or a fresh
 * one), an SMTP sink, and one election of a fresh organisation whose credentials (and, in
 * `password` mode, passwords) are queued for the voters of `roll` (../world/scenario.ts's
 * `mailedElection`). `close` stops the server and the sink.
 */
export async function mailedElectionWithSink(options: {
  roll: readonly string[];
  loginMode: 'password' | 'one-time-code';
  databaseUrl?: string;
}): Promise<{ server: TestServer; sink: SmtpSink; electionId: string; close(): Promise<void> }> {
  const server = await startTestServer({ databaseUrl: options.databaseUrl });
  const sink = await startSmtpSink();
  const { organisationId, admin } = await organisationWithAdmin(server);
  const electionId = await mailedElection(server, organisationId, admin, options);
  return {
    server,
    sink,
    electionId,
    close: async () => {
      await server.close();
      await sink.close();
    },
  };
}
