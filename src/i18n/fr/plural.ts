/** Plurals shared by several areas of the French catalogue. */
export const reponses = (n: number) => (n <= 1 ? `${n} réponse` : `${n} réponses`);
