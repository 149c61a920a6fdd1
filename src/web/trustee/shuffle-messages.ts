/**
 * Messages between the trustee page and its shuffle Web Worker (shuffle-worker.ts): the election
 * and the ciphertexts to shuffle go in (all public: a shuffle needs only the election's key), the
 * progress and the shuffle come out.
 */
export type ToShuffleWorker = {
  readonly type: 'shuffle';
  readonly electionJson: string;
  readonly input: string;
};

export type FromShuffleWorker =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'shuffled'; readonly shuffle: string }
  | { readonly type: 'failed'; readonly message: string };
