/**
 * Running the compiled `scrutin` command (dist/, built by `npm run build`) as an operator would,
 * with the settings these commands read cleared so the developer's own environment cannot leak in.
 */
import { spawn } from 'node:child_process';
import { type RunResult, run } from '../support/tools.js';
import { SCRUTIN_CLI } from '../world/server-process.js';

export function scrutin(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  return run(process.execPath, [SCRUTIN_CLI, ...args], {
    input: options.input ?? '',
    env: { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SMTP_URL: '', BASE_URL: '', ...options.env },
  });
}

/**
 * The same without blocking this process: needed when the command talks to something this process
 * serves (an SMTP sink) or while a server must keep being answered.
 */
export function scrutinAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRUTIN_CLI, ...args], {
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SMTP_URL: '', BASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}
