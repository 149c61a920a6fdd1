/**
 * The officer's two files (escrow batch, recovered credentials) and their decryption are protocol
 * code, shared by the CLI, the officer's page in the browser and the server: src/protocol/recovery-batch.ts.
 */
export {
  decryptBatch,
  type EscrowBatch,
  escrowBatchCodec,
  type RecoveredCredentials,
  recoveredCredentialsCodec,
} from '../protocol/recovery-batch.js';
