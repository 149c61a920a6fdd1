/**
 * `scrutin-tool method …`: counting methods applied to clear (non-homomorphic) results.
 */
import type { Command } from 'commander';

export function registerMethodCommands(program: Command): void {
  program.command('method').description('compute result with specific counting methods');
}
