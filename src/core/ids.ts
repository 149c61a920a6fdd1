/**
 * Branded ids: an election, a consultation, a box, an account and an organisation are each named by
 * a string, and a string of one kind must not be passed where another is expected (a consultation
 * box has its own id and its election's id; the procès-verbal once named boxes by the wrong one).
 * A brand exists only for the type checker: at run time the id is the same string, so stored rows,
 * JSON and archive bytes are unchanged. Mark a string only where an id enters the system: a route
 * parameter after schema validation, a decoded store row, a freshly minted id.
 */

/** `T` tagged with `B`, which only the type checker sees. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type ElectionId = Brand<string, 'ElectionId'>;
export type ConsultationId = Brand<string, 'ConsultationId'>;
export type BoxId = Brand<string, 'BoxId'>;
export type AccountId = Brand<string, 'AccountId'>;
export type OrganisationId = Brand<string, 'OrganisationId'>;

export const electionId = (id: string) => id as ElectionId;
export const consultationId = (id: string) => id as ConsultationId;
export const boxId = (id: string) => id as BoxId;
export const accountId = (id: string) => id as AccountId;
export const organisationId = (id: string) => id as OrganisationId;
