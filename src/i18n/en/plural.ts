/** Plurals shared by several areas of the English catalogue. */
export const answers = (n: number) => (n === 1 ? '1 answer' : `${n} answers`);
