/**
 * Web Worker entry of the trustee page's shuffle (issue 18): shuffles and proves the ciphertexts it
 * is sent with the protocol's own code (src/protocol/mixnet.ts, as `scrutin-tool election shuffle`),
 * off the page's thread so the progress bar moves, and answers the shuffle's exact bytes. Built by
 * build.ts as a content-hashed asset (CSP worker-src 'self').
 */
import { decodeText } from '../../core/codec.js';
import { loadElection } from '../../protocol/election.js';
import { nhCiphertextsCodec } from '../../protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../../protocol/mixnet.js';
import type { FromShuffleWorker, ToShuffleWorker } from './shuffle-messages.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToShuffleWorker>) => void) | null;
  postMessage(message: FromShuffleWorker): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = ({ data: message }) => {
  try {
    const ctx = loadElection(message.electionJson);
    const input = decodeText(nhCiphertextsCodec, message.input, 'ciphertexts to shuffle');
    // At most about a hundred progress messages, whatever the size.
    let shown = 0;
    const shuffle = shuffleCiphertexts(ctx, input, (done, total) => {
      if (done === total || done - shown >= total / 100) {
        shown = done;
        scope.postMessage({ type: 'progress', done, total });
      }
    });
    scope.postMessage({ type: 'shuffled', shuffle: serializeShuffle(shuffle) });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
