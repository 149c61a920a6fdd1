/**
 * The access-test proof (pure protocol) and the message templates. The proof verifies only for the
 * credential registered, the challenge of the session and the election it was made for; it is not a
 * ballot signature. Messages say the election's dates in its time zone, in the voter's language, with
 * administrator-supplied text escaped in HTML, and carry a secret only where it belongs.
 */
import { describe, expect, it } from 'vitest';
import { generatePrivateCredential, publicCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import {
  codeMessage,
  credentialMessage,
  messageLanguage,
  PASSWORD_PLACEHOLDER,
  passwordMessage,
  reminderMessage,
} from '../../src/delivery/templates.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { proveCredentialAccess, verifyCredentialAccess } from '../../src/protocol/access-check.js';
import { ballotSignatureChallenge, verifyDlog } from '../../src/protocol/proofs/schnorr.js';

installNodePlatform();
const group = requireGroup('BELENIOS-2048');
const uuid = 'Ab3dEf5hJk7mNp';
const challenge = 'c'.repeat(64);

describe('access test proof', () => {
  const credential = generatePrivateCredential();
  const registered = publicCredential(credential, uuid, group);

  it('verifies for the registered credential, this challenge and this election only', () => {
    const proof = proveCredentialAccess(group, uuid, credential, challenge);
    expect(verifyCredentialAccess(group, uuid, registered, challenge, proof)).toBe(true);
    expect(verifyCredentialAccess(group, uuid, registered, 'd'.repeat(64), proof)).toBe(false);
    expect(verifyCredentialAccess(group, 'Zz3dEf5hJk7mNp', registered, challenge, proof)).toBe(false);
    const other = publicCredential(generatePrivateCredential(), uuid, group);
    expect(verifyCredentialAccess(group, uuid, other, challenge, proof)).toBe(false);
    expect(
      verifyCredentialAccess(group, uuid, registered, challenge, { ...proof, response: proof.response + 1n }),
    ).toBe(false);
    expect(verifyCredentialAccess(group, uuid, registered, challenge, { ...proof, challenge: group.q })).toBe(
      false,
    );
    expect(verifyCredentialAccess(group, uuid, 0n, challenge, proof)).toBe(false);
  });

  it('cannot be used as a ballot signature (different domain)', () => {
    const proof = proveCredentialAccess(group, uuid, credential, challenge);
    expect(verifyDlog(group, registered, proof, ballotSignatureChallenge(group, challenge))).toBe(false);
  });

  it('refuses a challenge that is not 64 hex characters', () => {
    expect(() => proveCredentialAccess(group, uuid, credential, 'short')).toThrow(/64 hex/);
    const proof = proveCredentialAccess(group, uuid, credential, challenge);
    expect(verifyCredentialAccess(group, uuid, registered, 'C'.repeat(64), proof)).toBe(false);
  });
});

describe('message templates', () => {
  const election = {
    id: 'Ab3dEf5hJk7mNp',
    name: 'Vote <b>"AG"</b> & co',
    opensAt: '2027-03-01T08:00:00.000Z',
    closesAt: '2027-03-08T17:00:00.000Z',
    timeZone: 'Europe/Paris',
    helpContact: 'bureau@example.org',
    loginMode: 'password' as const,
  };
  const voter = { login: 'm42', displayName: 'Zoé <script>', language: 'fr' };

  it('writes the dates in the election time zone and language, and escapes HTML', () => {
    const fr = credentialMessage(
      'fr',
      'https://vote.example.org/',
      election,
      voter,
      'abc-def-ghi-jkm-npq',
      false,
    );
    expect(fr.text).toContain('lundi 1 mars 2027 à 09:00');
    expect(fr.text).toContain('lundi 8 mars 2027 à 18:00');
    expect(fr.text).toContain('https://vote.example.org/vote/Ab3dEf5hJk7mNp#credential=abc-def-ghi-jkm-npq');
    expect(fr.html).toContain('Vote &lt;b&gt;&quot;AG&quot;&lt;/b&gt; &amp; co');
    expect(fr.html).toContain('Zoé &lt;script&gt;');
    expect(fr.html).not.toContain('<script>');
    expect(fr.html).toContain('lang="fr"');
    const en = credentialMessage(
      'en',
      'https://vote.example.org',
      election,
      { ...voter, language: 'en' },
      'abc-def-ghi-jkm-npq',
      false,
    );
    expect(en.text).toContain('Monday, 1 March 2027 at 09:00');
    expect(en.subject).toBe('Your voting credential – Vote <b>"AG"</b> & co');
    expect(
      credentialMessage('en', 'x', { ...election, opensAt: null }, voter, 'abc-def-ghi-jkm-npq', false).text,
    ).toContain('The opening date will be announced; voting closes on Monday, 8 March 2027 at 18:00');
  });

  it('names a later round of a consultation in the voter language, never in English for French voters (issue 11)', () => {
    const round2 = { ...election, name: 'Congrès 2027 — Paris', round: 2 };
    const fr = credentialMessage('fr', 'x', round2, voter, 'abc-def-ghi-jkm-npq', false);
    expect(fr.subject).toBe('Votre code de vote – Congrès 2027 — Paris (2e tour)');
    expect(fr.text).not.toMatch(/round/i);
    const en = passwordMessage('en', 'x', round2, { ...voter, language: 'en' });
    expect(en.subject).toBe('Your password – Congrès 2027 — Paris (round 2)');
    expect(credentialMessage('fr', 'x', { ...round2, round: 1 }, voter, 'abc', false).subject).not.toContain(
      'tour',
    );
  });

  it('says in correct French (and English) which dates are still to be announced (issue 11)', () => {
    const text = (language: 'fr' | 'en', opensAt: string | null, closesAt: string | null) =>
      credentialMessage(
        language,
        'x',
        { ...election, opensAt, closesAt },
        voter,
        'abc-def-ghi-jkm-npq',
        false,
      ).text.replace(/\s+/g, ' ');
    for (const [opensAt, closesAt] of [
      [null, null],
      [null, election.closesAt],
      [election.opensAt, null],
    ] as const) {
      const fr = text('fr', opensAt, closesAt);
      expect(fr).not.toMatch(/le une date|encore à annoncer/);
      expect(fr).toMatch(/sera annoncée|seront annoncées/);
      expect(text('en', opensAt, closesAt)).toMatch(/will be announced/);
    }
    expect(text('fr', null, null)).toContain('Les dates du vote seront annoncées.');
    expect(text('fr', election.opensAt, null)).toContain(
      'Le vote ouvre le lundi 1 mars 2027 à 09:00 UTC+1 ; la date de clôture sera annoncée.',
    );
    expect(text('fr', null, election.closesAt)).toContain(
      'La date d’ouverture sera annoncée ; le vote ferme le lundi 8 mars 2027 à 18:00 UTC+1.',
    );
  });

  it('mailed while voting is open (a recovery), says it is open, announces no date and offers no access test before opening', () => {
    const open = { ...election, opensAt: null, votingOpen: true };
    for (const language of ['fr', 'en'] as const) {
      const text = credentialMessage(language, 'x', open, voter, 'abc-def-ghi-jkm-npq', true).text;
      expect(text).toMatch(
        language === 'fr' ? /Le vote est ouvert et ferme le / : /Voting is open now and closes on /,
      );
      expect(text).not.toMatch(/annoncée|announced|Avant l’ouverture|Before voting opens/);
    }
    const noClose = credentialMessage('en', 'x', { ...open, closesAt: null }, voter, 'abc', true).text;
    expect(noClose).toContain('Voting is open now.');
    // Before opening, the same recovery mail keeps the dates and the access test.
    const before = credentialMessage('en', 'x', { ...open, votingOpen: false }, voter, 'abc', true).text;
    expect(before).toMatch(/will be announced/);
    expect(before).toMatch(/Before voting opens/);
  });

  it('puts each secret only in the message meant for it', () => {
    const password = passwordMessage('en', 'https://vote.example.org', election, voter);
    expect(password.text).toContain(PASSWORD_PLACEHOLDER);
    expect(password.text).not.toMatch(/#credential=/);
    const reminder = reminderMessage('en', 'https://vote.example.org', election, voter);
    expect(reminder.text).not.toContain(PASSWORD_PLACEHOLDER);
    expect(reminder.text).toContain('https://vote.example.org/vote/Ab3dEf5hJk7mNp');
    expect(codeMessage('fr', election, voter, '01234567', 10).text).toContain('01234567');
    const recovery = credentialMessage('en', 'x', election, voter, 'abc-def-ghi-jkm-npq', true);
    expect(recovery.subject).toMatch(/new copy/);
    expect(recovery.text).toContain('the same as before');
  });

  it("uses the voter's language when offered, else the election's default", () => {
    expect(messageLanguage('en', 'fr')).toBe('en');
    expect(messageLanguage('fr-CA', 'en')).toBe('fr');
    expect(messageLanguage('de', 'en')).toBe('en');
    expect(messageLanguage('', 'fr')).toBe('fr');
  });
});
