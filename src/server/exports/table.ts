/**
 * An export table: the allowlist of an export's fields, each with its CSV header. Both formats are
 * written from it, field by field (never by spreading a row), so a field the table does not name
 * cannot reach a file even if a projection were changed to return more. Field names that denote a
 * secret are refused at compile time: a table cannot have a `passwordHash` or `serverPrivateKey`
 * column, and a row type with such a field has no valid table.
 */
import { type Cell, toCsv } from './csv.js';

/** Names that denote a secret or the store's binding of a voter to their ballots; never a column. */
type SecretField =
  | 'password'
  | 'passwordHash'
  | 'credential'
  | 'privateCredential'
  | 'publicCredential'
  | 'privateKey'
  | 'serverPrivateKey'
  | 'token'
  | 'tokenHash'
  | 'sessionToken'
  | 'csrfToken';

/** A flat row of scalars (a `type`, not an `interface`, so it has the index signature this needs). */
export type ExportRow = { readonly [field: string]: Cell };

/** Field → CSV header, for exactly the fields of `Row`, none of them a secret's name. */
export type Columns<Row extends ExportRow> = { readonly [K in keyof Row & string]: string } & {
  readonly [K in SecretField]?: never;
};

export interface ExportTable<Row extends ExportRow> {
  readonly fields: readonly (keyof Row & string)[];
  readonly headers: readonly string[];
  /** A copy of `row` holding only the table's fields (what JSON exports write). */
  pick(row: Row): Row;
  csv(rows: readonly Row[]): string;
}

export function exportTable<Row extends ExportRow>(columns: Columns<Row>): ExportTable<Row> {
  const fields = Object.keys(columns) as (keyof Row & string)[];
  const headers = fields.map((field) => columns[field] as string);
  const pick = (row: Row): Row => {
    const out: Record<string, Cell> = {};
    for (const field of fields) {
      const value = row[field] as Cell;
      if (value !== null && typeof value === 'object')
        throw new TypeError(`export field ${field} must be a scalar`);
      out[field] = value;
    }
    return out as Row;
  };
  return {
    fields,
    headers,
    pick,
    csv: (rows) =>
      toCsv(
        headers,
        rows.map((row) => fields.map((field) => pick(row)[field] as Cell)),
      ),
  };
}
