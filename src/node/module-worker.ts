/**
 * Starts a worker thread on an ES module, whether the project runs compiled (dist/*.js) or from its
 * TypeScript sources (vitest, tsx). Workers do not inherit the loader hooks of their parent (tsx's
 * `--import tsx` or vitest's module runner), so a `.ts` entry is loaded by a tiny inline bootstrap
 * that registers tsx in the worker first. tsx is a development dependency: only `.ts` entries need it.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `./name.js` next to `moduleUrl` when that module is compiled, `./name.ts` when it runs from source. */
export function siblingModule(moduleUrl: string, name: string): URL {
  const extension = new URL(moduleUrl).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, moduleUrl);
}

export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const settings = { execArgv: inheritableExecArgv(), ...options };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, settings);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...settings, eval: true });
}

/**
 * The parent's Node options, which workers inherit by default, minus `--input-type`: a parent run as
 * `node --input-type=module -e …` would otherwise make every file-based worker fail to start.
 */
function inheritableExecArgv(): string[] {
  const kept: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const option = process.execArgv[i]!;
    if (option === '--input-type') i++;
    else if (!option.startsWith('--input-type=')) kept.push(option);
  }
  return kept;
}
