/** The error catalogue, composed of one file per area: no code lost or shadowed on the way. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from './catalogue.js';

const AREAS_DIR = fileURLToPath(new URL('./catalogue/', import.meta.url));

describe('the error catalogue', () => {
  it('holds every code of every area file once: no area forgotten, no code defined in two areas', async () => {
    const areas = readdirSync(AREAS_DIR).filter((file) => file.endsWith('.ts') && file !== 'entry.ts');
    const seen: string[] = [];
    for (const file of areas) {
      const module = (await import(`./catalogue/${file}`)) as Record<string, Record<string, unknown>>;
      for (const entries of Object.values(module)) seen.push(...Object.keys(entries));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size, 'a code defined in two area files').toBe(seen.length);
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(seen.sort());
  });

  it('gives every code a kind of refusal and a message in French and in English', () => {
    for (const [code, entry] of Object.entries(ERROR_MESSAGES)) {
      expect(entry.kind, code).toMatch(/^[a-z-]+$/);
      expect(entry.en.length, code).toBeGreaterThan(0);
      expect(entry.fr.length, code).toBeGreaterThan(0);
    }
  });
});
