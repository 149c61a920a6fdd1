/**
 * CSV bodies (voter rolls, `text/csv` or `text/plain`) for the routes that take them; every other
 * route takes JSON. The bytes are decoded strictly: a UTF-16 or Latin-1 file is refused by name,
 * never decoded wrongly (issue 15).
 */
import type { FastifyInstance } from 'fastify';
import { decodeCsvBytes } from '../election/csv-encoding.js';

/** Registers the CSV parser on a scoped instance, so only that scope's routes accept CSV. */
export function acceptCsvBodies(scoped: FastifyInstance): void {
  scoped.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, decodeCsvBytes(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
