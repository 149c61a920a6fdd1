/**
 * Domain-separation prefixes of the Fiat–Shamir hashes, verbatim from the Belenios 2.0 spec.
 * Every challenge is SHA256(prefix|…) read as a big-endian integer mod q.
 */
export const POK = 'pok'; // §4.5 trustee key proof of knowledge: pok|G|X|A
export const SIGMSG = 'sigmsg'; // §4.6.1 signed messages: sigmsg|M|A
export const PROVE = 'prove'; // §4.12 interval membership: prove|S|α,β|A0,B0,…
export const BPROOF0 = 'bproof0'; // §4.13 blank proof: bproof0|S|A0,B0,AΣ,BΣ
export const BPROOF1 = 'bproof1'; // §4.13 overall proof with blank: bproof1|S|A0,B0,…,Ak,Bk
export const RAWEG = 'raweg'; // §4.11.2 non-homomorphic answers: raweg|S|y,α,β|A
export const SIG = 'sig'; // §4.14 ballot signature: sig|H|A
export const DECRYPT = 'decrypt'; // §4.18 partial decryption: decrypt|φ|X|A,B
export const GGEN = 'ggen'; // §6 table 8 independent generators: SHA256(ggen|i)^((p−1)/q)
export const SHUFFLE_CHALLENGES = 'shuffle-challenges'; // §6 table 4 step 4: shuffle-challenges|φ|⟦e⟧⟦e′⟧⟦c⟧
export const SHUFFLE_CHALLENGE = 'shuffle-challenge'; // §6 table 4 step 16: shuffle-challenge|φ|strt stry
