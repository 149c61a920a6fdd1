/** Delivery answers read by the staff pages (src/server/routes/delivery.ts). */
import * as Type from '@sinclair/typebox';

export const StatusCounts = Type.Object({
  queued: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  none: Type.Integer(),
});

/** GET …/delivery/counts: messages by kind and status, and how many voters signed in, tested, voted. */
export const DeliveryCounts = Type.Object({
  voters: Type.Integer(),
  credential: StatusCounts,
  password: StatusCounts,
  loggedIn: Type.Integer(),
  accessChecked: Type.Integer(),
  voted: Type.Integer(),
});
export type DeliveryCounts = Type.Static<typeof DeliveryCounts>;
