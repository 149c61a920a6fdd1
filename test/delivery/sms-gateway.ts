/**
 * A local HTTP SMS gateway for tests: it answers the documented request format (src/delivery/sms.ts,
 * docs/sms-gateway.md), keeps every request as received (headers and raw body: the "request log"
 * the planted-secrets searches read) and lets a test script the answer per request.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: { to: string; text: string; reference: string; language: string };
}

export interface SmsGateway {
  readonly url: string;
  readonly requests: GatewayRequest[];
  /** The HTTP status of each answer (default 200, with a gateway message id). */
  script: (request: GatewayRequest, index: number) => number;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsGateway> {
  const requests: GatewayRequest[] = [];
  const gateway: SmsGateway = {
    url: '',
    requests,
    script: () => 200,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: GatewayRequest['body'];
      try {
        body = JSON.parse(raw) as GatewayRequest['body'];
      } catch {
        res.writeHead(400).end();
        return;
      }
      const request: GatewayRequest = { method: req.method ?? '', headers: req.headers, raw, body };
      requests.push(request);
      const status = gateway.script(request, requests.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' });
      // A careless gateway echoes the text: the server must not keep it.
      res.end(
        JSON.stringify(status < 300 ? { id: `gw-${requests.length}` } : { error: 'busy', echo: body.text }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (gateway as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return gateway;
}
