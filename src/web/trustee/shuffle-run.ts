/**
 * Runs a trustee's shuffle in the shuffle Web Worker (shuffle-worker.ts), reporting its progress in
 * percent; without Web Workers (or the worker's asset), on this page's thread, the bar then jumping
 * from 0 to 100. Only public material goes in and comes out.
 */
import { decodeText } from '../../core/codec.js';
import { loadElection } from '../../protocol/election.js';
import { nhCiphertextsCodec } from '../../protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../../protocol/mixnet.js';
import type { FromShuffleWorker, ToShuffleWorker } from './shuffle-messages.js';

/** The worker asset's URL (/assets/shuffle-worker-HASH.js), written into the page bundle by build.ts. */
declare const __SCRUTIN_SHUFFLE_WORKER__: string | undefined;

export type ShuffleRun = { ok: true; shuffle: string } | { ok: false; problem: string };

export function shuffleInWorker(
  electionJson: string,
  input: string,
  progress: (percent: number) => void,
): Promise<ShuffleRun> {
  const url = typeof __SCRUTIN_SHUFFLE_WORKER__ === 'string' ? __SCRUTIN_SHUFFLE_WORKER__ : undefined;
  if (typeof Worker === 'undefined' || url === undefined)
    return Promise.resolve(onThisThread(electionJson, input));
  return new Promise((resolve) => {
    const worker = new Worker(url, { type: 'module', name: 'shuffle-worker' });
    const finish = (run: ShuffleRun) => {
      worker.terminate();
      resolve(run);
    };
    worker.onerror = (event) => finish({ ok: false, problem: event.message || 'the shuffle worker failed' });
    worker.onmessage = ({ data }: MessageEvent<FromShuffleWorker>) => {
      if (data.type === 'progress') progress(Math.floor((100 * data.done) / data.total));
      else if (data.type === 'shuffled') finish({ ok: true, shuffle: data.shuffle });
      else finish({ ok: false, problem: data.message });
    };
    const message: ToShuffleWorker = { type: 'shuffle', electionJson, input };
    worker.postMessage(message);
  });
}

function onThisThread(electionJson: string, input: string): ShuffleRun {
  try {
    const ctx = loadElection(electionJson);
    const rows = decodeText(nhCiphertextsCodec, input, 'ciphertexts to shuffle');
    return { ok: true, shuffle: serializeShuffle(shuffleCiphertexts(ctx, rows)) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Moves the bar drawn by the screen (ids shuffle-progress and shuffle-progress-text) without a redraw. */
export function showProgress(percent: number, text: string): void {
  const bar = document.getElementById('shuffle-progress');
  if (bar instanceof HTMLProgressElement) {
    bar.value = percent;
    bar.setAttribute('aria-valuetext', text);
  }
  const label = document.getElementById('shuffle-progress-text');
  if (label) label.textContent = text;
}
