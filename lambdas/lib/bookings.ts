import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { N, readNumber, readString, S, type Item } from '../domain/attributes.js';
import { bookingFingerprint, MESSAGE_VERSION, type BookingMessage, type BookingStatus } from '../domain/booking.js';
import { bookingKey } from '../domain/keys.js';
import { bumpCounters } from './counter-updates.js';
import { transact } from './transact.js';

/** What GET /api/bookings/{requestId} answers. */
export interface BookingView {
  requestId: string;
  status: BookingStatus;
  tripId: string;
  seats: number;
  passenger: string;
  createdAt: string;
  updatedAt: string;
  reason?: string;
}

function queuedBookingItem(message: BookingMessage, sendBy: number): Item {
  return {
    id: S(bookingKey(message.requestId)),
    requestId: S(message.requestId),
    status: S('queued'),
    tripId: S(message.tripId),
    seats: N(message.seats),
    passenger: S(message.passenger),
    createdAt: S(message.acceptedAt),
    updatedAt: S(message.acceptedAt),
    sendBy: N(sendBy),
    fingerprint: S(bookingFingerprint(message)),
  };
}

/**
 * Whether a repeated request asks for the booking its key already names. A booking written before
 * fingerprints were stored is fingerprinted from its own fields.
 */
export function isSameBooking(existing: Item, message: BookingMessage): boolean {
  const stored =
    readString(existing, 'fingerprint') ??
    bookingFingerprint({
      tripId: readString(existing, 'tripId') ?? '',
      seats: readNumber(existing, 'seats'),
      passenger: readString(existing, 'passenger') ?? '',
    });
  return stored === bookingFingerprint(message);
}

export type CreateOutcome = { created: true } | { created: false; existing: Item };

/**
 * Records an accepted request: its own booking item (status queued) and +1 on one request-counter
 * shard, in one transaction so the count stays exact. `sendBy` (epoch ms) is when the invocation that
 * sends its message ends at the latest. When the requestId was seen before, the booking as it is comes
 * back instead (ALL_OLD on the failed condition: no extra read).
 */
export async function createBooking(
  db: DynamoDBClient,
  table: string,
  message: BookingMessage,
  { shard, sendBy }: { shard: number; sendBy: number },
): Promise<CreateOutcome> {
  const result = await transact(db, [
    {
      Put: {
        TableName: table,
        Item: queuedBookingItem(message, sendBy),
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    bumpCounters(table, 'requests', ['requests'], { shard }),
  ]);
  return result.committed ? { created: true } : { created: false, existing: result.items[0] ?? {} };
}

/**
 * The message of a booking still queued after the invocation that accepted it ended, to be sent again: that
 * invocation may have died (timed out) between its two writes, leaving a booking no message will settle.
 * If its message was sent after all, the consumer settles the booking once anyway.
 */
export function orphanedMessage(booking: Item, now: number): BookingMessage | undefined {
  const acceptedAt = readString(booking, 'createdAt');
  if (readString(booking, 'status') !== 'queued' || !acceptedAt || now <= readNumber(booking, 'sendBy')) return undefined;
  return {
    v: MESSAGE_VERSION,
    requestId: readString(booking, 'requestId') ?? '',
    tripId: readString(booking, 'tripId') ?? '',
    seats: readNumber(booking, 'seats'),
    passenger: readString(booking, 'passenger') ?? '',
    acceptedAt,
  };
}

/** Undoes createBooking when the message could not be enqueued, unless a consumer already settled it. */
export async function discardBooking(db: DynamoDBClient, table: string, requestId: string, shard: number): Promise<void> {
  await transact(db, [
    {
      Delete: {
        TableName: table,
        Key: { id: S(bookingKey(requestId)) },
        ConditionExpression: '#status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':queued': S('queued') },
      },
    },
    bumpCounters(table, 'requests', ['requests'], { by: -1, shard }),
  ]);
}

export async function getBooking(db: DynamoDBClient, table: string, requestId: string): Promise<BookingView | undefined> {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: { id: S(bookingKey(requestId)) }, ConsistentRead: true }));
  if (!Item) return undefined;
  const reason = readString(Item, 'reason');
  return {
    requestId,
    status: readString(Item, 'status') as BookingStatus,
    tripId: readString(Item, 'tripId') ?? '',
    seats: readNumber(Item, 'seats'),
    passenger: readString(Item, 'passenger') ?? '',
    createdAt: readString(Item, 'createdAt') ?? '',
    updatedAt: readString(Item, 'updatedAt') ?? '',
    ...(reason && { reason }),
  };
}
