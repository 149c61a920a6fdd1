/**
 * Private channels between trustees through the server (spec §4.6.3). send(sk, recipient, M) wraps M
 * in a channel_msg naming the recipient's encryption key, signs its serialization with the sender's
 * signing key and encrypts the serialized signed_msg to the recipient; the result is the serialized
 * encrypted_msg, a string. Receiving decrypts, checks the signature against the expected sender's
 * verification key and checks that the recipient is us, as the spec requires.
 */
import { DecodeError, decodeText, encode } from '../../core/codec.js';
import type { Group } from '../../core/group.js';
import { channelMsgCodec, encryptedMsgCodec, signedMsgCodec } from '../messages.js';
import { verifySignedMessage } from '../trustees.js';
import {
  type DecryptionKey,
  decryptMessage,
  encryptMessage,
  type Outcome,
  type SigningKey,
  signMessage,
} from './pki.js';

export function send(group: Group, signingKey: SigningKey, recipient: bigint, message: string): string {
  const channelMessage = encode(channelMsgCodec, { recipient, message });
  const signed = encode(signedMsgCodec, signMessage(group, signingKey, channelMessage));
  return encode(encryptedMsgCodec, encryptMessage(group, recipient, signed));
}

/** Opens send(sk_sender, g^dk, M) with dk, given the sender's verification key; returns M. */
export function receive(
  group: Group,
  decryptionKey: DecryptionKey,
  senderVerificationKey: bigint,
  text: string,
): Outcome<{ message: string }> {
  try {
    const encrypted = decodeText(encryptedMsgCodec, text, 'encrypted_msg');
    const opened = decryptMessage(group, decryptionKey, encrypted);
    if (!opened.ok) return opened;
    const signed = decodeText(signedMsgCodec, opened.message, 'signed_msg');
    if (!verifySignedMessage(group, senderVerificationKey, signed)) {
      return { ok: false, problem: 'invalid signature on received message' };
    }
    const channelMessage = decodeText(channelMsgCodec, signed.message, 'channel_msg');
    if (channelMessage.recipient !== group.gPow(decryptionKey.reveal())) {
      return { ok: false, problem: 'invalid recipient on received message' };
    }
    return { ok: true, message: channelMessage.message };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, problem: error.message };
    throw error;
  }
}
