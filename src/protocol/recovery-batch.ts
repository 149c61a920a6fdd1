/**
 * The two files the recovery officer handles (issue #4 item 5): the escrow batch the server hands
 * out (ciphertexts of approved requests only) and the recovered-credentials file the officer's
 * `scrutin-tool recovery decrypt` writes and uploads. `decryptBatch` is that command's whole logic,
 * pure so it runs in the CLI, the officer's page (src/web/officer/, where the key file never leaves
 * the browser), or a test: it opens each escrow under its voter's binding
 * and checks that the credential derives to the voter's public credential before writing it out,
 * so a server that mislabels an escrow gets an error, not another voter's credential.
 */
import {
  array,
  bigDecimal,
  DecodeError,
  decodeText,
  encode,
  int,
  literal,
  object,
  string,
  type TypeOf,
} from '../core/codec.js';
import { publicCredential } from '../core/credential.js';
import { groupByName } from '../core/group.js';
import {
  credentialEscrowCodec,
  type Outcome,
  openEscrow,
  parseOfficerPrivateKey,
} from './credential-escrow.js';

export const escrowBatchCodec = object({
  kind: literal('scrutin-recovery-batch'),
  version: int,
  electionId: string,
  group: string,
  items: array(
    object({
      requestId: string,
      voterId: string,
      login: string,
      publicCredential: bigDecimal,
      escrow: credentialEscrowCodec,
    }),
  ),
});
export type EscrowBatch = TypeOf<typeof escrowBatchCodec>;

export const recoveredCredentialsCodec = object({
  kind: literal('scrutin-recovered-credentials'),
  version: int,
  electionId: string,
  credentials: array(object({ requestId: string, voterId: string, credential: string })),
});
export type RecoveredCredentials = TypeOf<typeof recoveredCredentialsCodec>;

/**
 * Opens every escrow of `batchText` with the officer's key file content. All or nothing: one item
 * that does not open, or opens to a credential of another voter, fails the whole batch.
 */
export function decryptBatch(
  privateKeyText: string,
  batchText: string,
): Outcome<{ output: string; logins: string[] }> {
  const key = parseOfficerPrivateKey(privateKeyText);
  if (!key.ok) return key;
  let batch: EscrowBatch;
  try {
    batch = decodeText(escrowBatchCodec, batchText.trim(), 'escrow batch');
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
  const group = groupByName(batch.group);
  if (!group) return { ok: false, problem: `unknown group ${batch.group}` };
  if (group !== key.group)
    return { ok: false, problem: `the key is for ${key.group.name}, the batch for ${group.name}` };
  const credentials: RecoveredCredentials['credentials'] = [];
  for (const item of batch.items) {
    const opened = openEscrow(
      group,
      key.key,
      { electionId: batch.electionId, voterId: item.voterId },
      item.escrow,
    );
    if (!opened.ok) return { ok: false, problem: `request ${item.requestId}: ${opened.problem}` };
    if (publicCredential(opened.credential, batch.electionId, group) !== item.publicCredential) {
      return {
        ok: false,
        problem: `request ${item.requestId}: the credential does not match the voter's public credential`,
      };
    }
    credentials.push({
      requestId: item.requestId,
      voterId: item.voterId,
      credential: opened.credential.reveal(),
    });
  }
  const output = encode(recoveredCredentialsCodec, {
    kind: 'scrutin-recovered-credentials',
    version: 1,
    electionId: batch.electionId,
    credentials,
  });
  return { ok: true, output, logins: batch.items.map((item) => item.login) };
}
