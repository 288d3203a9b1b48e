import {
  BookingRequestSchema,
  chooseRequestId,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeySchema,
  MESSAGE_VERSION,
  type BookingMessage,
} from '../../domain/booking.js';
import { randomShard } from '../../domain/keys.js';
import { firstIssue } from '../../domain/validation.js';
import { createBooking, discardBooking, isSameBooking, orphanedMessage } from '../bookings.js';
import { cachedCatalog } from '../catalog.js';
import { errorResponse, header, jsonResponse, readJsonBody } from '../http.js';
import { enqueue, isPermanentRefusal, resolveQueueUrl } from '../queue.js';
import type { RouteHandler } from './route.js';

/**
 * POST /api/book-bus: validate, give a requestId, enqueue. Cheap on purpose: it never touches the
 * trip's seat item, only the booking's own item and one of the request-counter shards.
 */
export const bookBus: RouteHandler = async (event, _params, { db, sqs, config, log, endsAt }) => {
  const body = readJsonBody(event);
  if (!body.ok) return errorResponse(400, body.error);
  if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) return errorResponse(400, 'body must be a JSON object');
  const request = BookingRequestSchema.safeParse(body.value);
  if (!request.success) return errorResponse(400, firstIssue(request.error));
  const keyHeader = header(event, IDEMPOTENCY_KEY_HEADER);
  const key = keyHeader === undefined ? undefined : IdempotencyKeySchema.safeParse(keyHeader);
  if (key && !key.success) return errorResponse(400, firstIssue(key.error));

  const catalog = await cachedCatalog(db, config.table);
  const tripId = request.data.tripId ?? catalog.tripIds[0];
  if (!catalog.tripIds.includes(tripId)) return errorResponse(400, `unknown trip '${tripId}'`);

  const message: BookingMessage = {
    v: MESSAGE_VERSION,
    requestId: chooseRequestId(request.data, key?.data),
    tripId,
    seats: request.data.seats,
    passenger: request.data.passenger,
    acceptedAt: new Date().toISOString(),
  };
  const { requestId } = message;
  const shard = randomShard();
  const send = async (queued: BookingMessage) => enqueue(sqs, await resolveQueueUrl(sqs, config.queueName, config.queueUrl), queued);
  const outcome = await createBooking(db, config.table, message, { shard, sendBy: endsAt });
  if (!outcome.created) {
    // A used key (or body requestId) with another body is another booking: answering with the first
    // booking's id would silently drop it, and would let anyone replay a booking by its id.
    if (!isSameBooking(outcome.existing, message)) {
      const named = request.data.requestId === undefined ? `Idempotency-Key '${key?.data}'` : `requestId '${requestId}'`;
      log.warn('repeated key with a different body refused', { bookingId: requestId });
      return errorResponse(422, `${named} was already used for a different booking (trip, seats or passenger); use a new key for a new booking`);
    }
    // A retry after a 5xx may be all that is left to heal a booking whose message was never sent.
    const orphan = orphanedMessage(outcome.existing, Date.now());
    if (orphan) {
      await send(orphan);
      log.warn('repeated request for a booking still queued: message sent again', { bookingId: requestId, acceptedAt: orphan.acceptedAt });
    } else log.info('repeated request, nothing enqueued', { bookingId: requestId });
    return jsonResponse(200, { status: 'queued', requestId, replayed: true });
  }
  try {
    await send(message);
  } catch (err) {
    log.error('enqueue failed, withdrawing the booking', { bookingId: requestId, error: err });
    await discardBooking(db, config.table, requestId, shard).catch((undoErr: unknown) =>
      log.error('could not withdraw the booking', { bookingId: requestId, error: undoErr }),
    );
    // A refusal no retry can change is final, with its reason; only a transient failure asks to try again.
    if (isPermanentRefusal(err)) return errorResponse(500, `the booking could not be queued: the queue refused it (${err.name}: ${err.message})`);
    return errorResponse(503, 'the booking could not be queued; please try again');
  }
  log.info('booking queued', { bookingId: requestId, tripId, seats: message.seats });
  return jsonResponse(200, { status: 'queued', requestId });
};
