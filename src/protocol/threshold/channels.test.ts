/** §4.6.3 channels: what was sent is received by its recipient only, from the named sender only. */
import { describe, expect, it } from 'vitest';
import { decodeText, encode } from '../../core/codec.js';
import { requireGroup } from '../../core/group.js';
import { channelMsgCodec, encryptedMsgCodec, signedMsgCodec } from '../messages.js';
import { receive, send } from './channels.js';
import { deriveKeys, encryptMessage, generateSeed, signMessage } from './pki.js';

describe('channels (§4.6.3)', () => {
  const group = requireGroup('BELENIOS-2048');
  const [alice, bob, carol] = [0, 1, 2].map(() => deriveKeys(group, generateSeed())) as [
    ReturnType<typeof deriveKeys>,
    ReturnType<typeof deriveKeys>,
    ReturnType<typeof deriveKeys>,
  ];

  it('send gives a serialized encrypted_msg that the recipient opens', () => {
    const sent = send(group, alice.signingKey, bob.encryptionKey, '{"secret":"42"}');
    expect(() => decodeText(encryptedMsgCodec, sent, 'sent')).not.toThrow();
    expect(receive(group, bob.decryptionKey, alice.verificationKey, sent)).toEqual({
      ok: true,
      message: '{"secret":"42"}',
    });
  });

  it('refuses another reader, another claimed sender, or garbage', () => {
    const sent = send(group, alice.signingKey, bob.encryptionKey, 'm');
    expect(receive(group, carol.decryptionKey, alice.verificationKey, sent).ok).toBe(false);
    expect(receive(group, bob.decryptionKey, carol.verificationKey, sent)).toEqual({
      ok: false,
      problem: 'invalid signature on received message',
    });
    expect(receive(group, bob.decryptionKey, alice.verificationKey, 'not json').ok).toBe(false);
  });

  it('checks the recipient: a message signed for Carol and re-encrypted to Bob is refused', () => {
    const forCarol = encode(channelMsgCodec, { recipient: carol.encryptionKey, message: 'm' });
    const signed = encode(signedMsgCodec, signMessage(group, alice.signingKey, forCarol));
    const forwarded = encode(encryptedMsgCodec, encryptMessage(group, bob.encryptionKey, signed));
    expect(receive(group, bob.decryptionKey, alice.verificationKey, forwarded)).toEqual({
      ok: false,
      problem: 'invalid recipient on received message',
    });
  });
});
