/**
 * `scrutin serve` as a separate process, from the compiled tree (dist/, built by `npm test` and
 * `npm run bench` before they run): the real server with its worker pool and the store named by
 * DATABASE_URL. It listens on a port the kernel picks (`--port 0`) and prints its address, which is
 * read back here. Output is kept (bounded) for failure messages; peak memory comes from
 * /proc/<pid>/status.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const SCRUTIN_CLI = join(ROOT, 'dist', 'scrutin.mjs');
export const hasBuiltServer = existsSync(SCRUTIN_CLI);
export const MISSING_BUILD = `${SCRUTIN_CLI} is missing: run \`npm run build\` (npm test does) to test server processes`;

/** Keep at most this much of a process's output (the end is what explains a failure). */
const OUTPUT_LIMIT = 64 * 1024;

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the process printed (last 64 KiB of stdout and stderr, interleaved). */
  output(): string;
  /** VmHWM (peak resident set) in KiB while the process runs, or undefined. */
  peakRssKiB(): number | undefined;
  /** SIGTERM (graceful) and wait for exit; SIGKILL if it takes longer than `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL, as a crash or the OOM killer would, and wait for the exit. */
  kill(): Promise<void>;
}

export interface ServerProcessOptions {
  readonly databaseUrl: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly nodeArgs?: readonly string[];
  readonly host?: string;
  readonly startTimeoutMs?: number;
}

export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  if (!hasBuiltServer) return Promise.reject(new Error(MISSING_BUILD));
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), SCRUTIN_CLI, 'serve', '--port', '0', '--host', options.host ?? '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, DATABASE_URL: options.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Never outlive the test run, even when it ends without calling stop().
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', reap);
      resolve(code);
    }),
  );
  const pid = child.pid!;
  const timeoutMs = options.startTimeoutMs ?? 30_000;

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scrutin serve did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /Scrutin is running at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        url: match[1]!,
        pid,
        child,
        output: () => output,
        peakRssKiB: () => peakRssKiB(pid),
        async stop(graceMs = 10_000) {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const forced = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(forced);
          return code;
        },
        async kill() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`scrutin serve exited (${code}) before listening:\n${output}`));
    });
  });
}

/** VmHWM of a live process, in KiB (Linux), or undefined once it has exited or elsewhere. */
export function peakRssKiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
