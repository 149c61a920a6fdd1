/**
 * The SMTP sink of bench/delivery.ts, in its own process so that receiving does not share the
 * sender's event loop: a real SMTP server (smtp-server) that accepts every message, reads it whole
 * and counts it. Prints "port N" when listening and, on SIGTERM, the number of messages accepted.
 */
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 100,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted++;
      callback(null, 'Queued');
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  console.log(`accepted ${accepted}`);
  server.close(() => process.exit(0));
});
