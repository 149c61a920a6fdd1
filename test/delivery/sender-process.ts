/**
 * A sender process for the crash test: the store of DATABASE_URL, the sender configured from the
 * environment exactly as `scrutin serve` configures it. Prints "ready" once started.
 */
import { startSenderFromEnvironment } from '../../src/delivery/run-sender.js';
import { openStore } from '../../src/store/open-store.js';

const store = await openStore(process.env.DATABASE_URL);
const sender = startSenderFromEnvironment(store, process.env, (line) => console.log(line));
console.log('ready');
process.on('SIGTERM', async () => {
  await sender?.stop();
  await store.close();
  process.exit(0);
});
