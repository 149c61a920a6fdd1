/**
 * Reading a password for a command, never from its arguments (they are visible to every user of the
 * machine in `ps` and kept in shell histories). On a terminal the password is typed without echo,
 * twice; otherwise the first line of standard input is the password (`printf %s "$PW" | scrutin …`,
 * or a file), so scripts and containers can create accounts too.
 */

import type { Password } from '../../accounts/password.js';
import { secret } from '../../core/secret.js';
import { type CliMessages, CliRefusal } from './messages.js';

/** More than any password the policy accepts (1024 code points of up to 4 bytes), less than a flood. */
const STDIN_LIMIT = 8 * 1024;

export async function readNewPassword(messages: CliMessages): Promise<Password> {
  if (process.stdin.isTTY) {
    const first = await readHidden(messages.passwordPrompt, messages);
    if (first === '') throw new CliRefusal(messages.passwordMissing);
    const second = await readHidden(messages.passwordConfirm, messages);
    if (first !== second) throw new CliRefusal(messages.passwordMismatch);
    return secret(first, 'password');
  }
  const line = firstLine(await readStdin());
  if (line === '') throw new CliRefusal(messages.passwordMissing);
  return secret(line, 'password');
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    chunks.push(bytes);
    length += bytes.length;
    // The first line is all that is read; the rest (if any) is not kept around.
    if (length > STDIN_LIMIT || bytes.includes(0x0a)) break;
  }
  return Buffer.concat(chunks).subarray(0, STDIN_LIMIT).toString('utf8');
}

/** One line typed on the terminal with echo off (raw mode): Enter ends it, Ctrl+C aborts. */
function readHidden(prompt: string, messages: CliMessages): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows, so nothing typed after it can appear on the screen.
  input.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      const typed = value.join('');
      value = [];
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliRefusal(messages.interrupted, 130));
        if (char === '\u007f' || char === '\b') value.pop();
        else if (char >= ' ') value.push(char);
      }
    };
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
