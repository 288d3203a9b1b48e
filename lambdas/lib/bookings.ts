import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { N, readNumber, readString, S, type Item } from '../domain/attributes.js';
import type { BookingMessage, BookingStatus } from '../domain/booking.js';
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

function queuedBookingItem(message: BookingMessage): Item {
  return {
    id: S(bookingKey(message.requestId)),
    requestId: S(message.requestId),
    status: S('queued'),
    tripId: S(message.tripId),
    seats: N(message.seats),
    passenger: S(message.passenger),
    createdAt: S(message.acceptedAt),
    updatedAt: S(message.acceptedAt),
  };
}

/**
 * Records an accepted request: its own booking item (status queued) and +1 on one request-counter
 * shard, in one transaction so the count stays exact. 'exists' means the requestId was seen before.
 */
export async function createBooking(db: DynamoDBClient, table: string, message: BookingMessage, shard: number): Promise<'created' | 'exists'> {
  const result = await transact(db, [
    { Put: { TableName: table, Item: queuedBookingItem(message), ConditionExpression: 'attribute_not_exists(id)' } },
    bumpCounters(table, 'requests', ['requests'], { shard }),
  ]);
  return result.committed ? 'created' : 'exists';
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
