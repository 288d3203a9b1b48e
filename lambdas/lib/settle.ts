import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { N, S } from '../domain/attributes.js';
import type { BookingMessage, FinalStatus } from '../domain/booking.js';
import { OUTCOME_COUNTERS } from '../domain/counters.js';
import { bookingKey, tripKey } from '../domain/keys.js';
import { bumpCounters } from './counter-updates.js';
import { transact } from './transact.js';

/** A booking that is no longer queued was settled by an earlier delivery of the same message. */
export type Settled = FinalStatus | 'duplicate';

/** Moves a queued booking to a final status; the condition makes a redelivery change nothing. */
function settleBookingItem(table: string, requestId: string, status: FinalStatus, reason?: string): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: { id: S(bookingKey(requestId)) },
      UpdateExpression: `SET #status = :status, updatedAt = :now${reason ? ', reason = :reason' : ''}`,
      ConditionExpression: '#status = :queued',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': S(status),
        ':queued': S('queued'),
        ':now': S(new Date().toISOString()),
        ...(reason && { ':reason': S(reason) }),
      },
    },
  };
}

function takeSeatsItem(table: string, tripId: string, seats: number): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: { id: S(tripKey(tripId)) },
      UpdateExpression: 'SET seatsLeft = seatsLeft - :seats',
      ConditionExpression: 'seatsLeft >= :seats',
      ExpressionAttributeValues: { ':seats': N(seats) },
    },
  };
}

/**
 * One transaction: confirm the booking if still queued, take its seats if enough are left, count it.
 * A failed booking condition means a duplicate delivery; a failed seat condition means sold out.
 */
export async function confirmBooking(db: DynamoDBClient, table: string, message: BookingMessage): Promise<'confirmed' | 'sold_out' | 'duplicate'> {
  const result = await transact(db, [
    settleBookingItem(table, message.requestId, 'confirmed'),
    takeSeatsItem(table, message.tripId, message.seats),
    bumpCounters(table, 'outcomes', OUTCOME_COUNTERS.confirmed),
  ]);
  if (result.committed) return 'confirmed';
  return result.failed[0] ? 'duplicate' : 'sold_out';
}

/** Records a final status other than confirmed (with its reason), counted in the same transaction. */
export async function closeBooking(
  db: DynamoDBClient,
  table: string,
  requestId: string,
  status: Exclude<FinalStatus, 'confirmed'>,
  reason?: string,
): Promise<Settled> {
  const result = await transact(db, [settleBookingItem(table, requestId, status, reason), bumpCounters(table, 'outcomes', OUTCOME_COUNTERS[status])]);
  return result.committed ? status : 'duplicate';
}
