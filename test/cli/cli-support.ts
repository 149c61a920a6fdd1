/**
 * Running the compiled `scrutin` command (dist/, built by `npm run build`) as an operator would,
 * with the settings these commands read cleared so the developer's own environment cannot leak in.
 */
import { SCRUTIN_CLI } from '../support/server-process.js';
import { type RunResult, run } from '../support/tools.js';

export function scrutin(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  return run(process.execPath, [SCRUTIN_CLI, ...args], {
    input: options.input ?? '',
    env: { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SMTP_URL: '', BASE_URL: '', ...options.env },
  });
}
