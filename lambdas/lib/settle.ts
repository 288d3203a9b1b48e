import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { N, S } from '../domain/attributes.js';
import type { BookingMessage, FinalStatus } from '../domain/booking.js';
import { OUTCOME_COUNTERS } from '../domain/counters.js';
import { bookingKey, tripKey } from '../domain/keys.js';
import { bumpCounters } from './counter-updates.js';
import type { SoldOutHints } from './sold-out-hints.js';
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

/** The trip lacks `seats`: the exact complement of takeSeatsItem's condition. */
function lacksSeatsItem(table: string, tripId: string, seats: number): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: { id: S(tripKey(tripId)) },
      ConditionExpression: 'attribute_not_exists(seatsLeft) OR seatsLeft < :seats',
      ExpressionAttributeValues: { ':seats': N(seats) },
    },
  };
}

/**
 * One transaction: confirm the booking if still queued, take its seats if enough are left, count it.
 * A failed booking condition means a duplicate delivery; a failed seat condition means sold out.
 */
async function confirmBooking(db: DynamoDBClient, table: string, message: BookingMessage): Promise<'confirmed' | 'sold_out' | 'duplicate'> {
  const result = await transact(db, [
    settleBookingItem(table, message.requestId, 'confirmed'),
    takeSeatsItem(table, message.tripId, message.seats),
    bumpCounters(table, 'outcomes', OUTCOME_COUNTERS.confirmed),
  ]);
  if (result.committed) return 'confirmed';
  return result.failed[0] ? 'duplicate' : 'sold_out';
}

/** Records sold_out in a transaction that also checks the seats are lacking; 'has_seats' when they are not. */
async function closeSoldOut(db: DynamoDBClient, table: string, message: BookingMessage): Promise<'sold_out' | 'duplicate' | 'has_seats'> {
  const { requestId, tripId, seats } = message;
  const result = await close(db, table, requestId, 'sold_out', soldOutReason(message), [lacksSeatsItem(table, tripId, seats)]);
  if (result.committed) return 'sold_out';
  return result.failed[0] ? 'duplicate' : 'has_seats';
}

/**
 * Confirms the booking or records it sold out, each proven by its own transaction. Once a trip is full
 * (most of a holiday rush), the hints go straight to sold_out: one transaction per record instead of two.
 */
export async function settleBooking(
  db: DynamoDBClient,
  table: string,
  message: BookingMessage,
  hints: SoldOutHints,
): Promise<'confirmed' | 'sold_out' | 'duplicate'> {
  const { tripId, seats } = message;
  if (hints.predictsSoldOut(tripId, seats)) {
    const closed = await closeSoldOut(db, table, message);
    if (closed !== 'has_seats') return closed;
    hints.hadRoom(tripId);
  }
  const confirmed = await confirmBooking(db, table, message);
  if (confirmed !== 'sold_out') return confirmed;
  hints.noRoomFor(tripId, seats);
  const closed = await closeSoldOut(db, table, message);
  // Only if seats were added between the two transactions; the record is tried again later.
  if (closed === 'has_seats') throw new Error(`the seats of ${tripId} changed while the booking was settled`);
  return closed;
}

const soldOutReason = ({ tripId, seats }: BookingMessage) => `fewer than ${seats} seats left on ${tripId}`;

/**
 * Settles bookings of one trip (distinct requestIds) in a single transaction when they all end the same
 * way: all confirmed, the trip having seats for every one of them, or all sold out, the trip lacking seats
 * for the smallest. Undefined when the transaction was refused (too few seats for all, a redelivered
 * booking among them): the caller then settles them one by one, which sorts out who gets what.
 */
export async function settleTogether(
  db: DynamoDBClient,
  table: string,
  messages: readonly BookingMessage[],
  hints: SoldOutHints,
): Promise<'confirmed' | 'sold_out' | undefined> {
  const { tripId } = messages[0];
  const fewest = Math.min(...messages.map((m) => m.seats));
  const status = hints.predictsSoldOut(tripId, fewest) ? 'sold_out' : 'confirmed';
  const bookings = messages.map((m) => settleBookingItem(table, m.requestId, status, status === 'sold_out' ? soldOutReason(m) : undefined));
  const seatsItem =
    status === 'sold_out'
      ? lacksSeatsItem(table, tripId, fewest)
      : takeSeatsItem(
          table,
          tripId,
          messages.reduce((sum, m) => sum + m.seats, 0),
        );
  const result = await transact(db, [...bookings, seatsItem, bumpCounters(table, 'outcomes', OUTCOME_COUNTERS[status], { by: messages.length })]);
  return result.committed ? status : undefined;
}

/** Moves a queued booking to a final status other than confirmed and counts it, with `checks` in the same transaction. */
function close(
  db: DynamoDBClient,
  table: string,
  requestId: string,
  status: Exclude<FinalStatus, 'confirmed'>,
  reason: string | undefined,
  checks: TransactWriteItem[] = [],
) {
  return transact(db, [settleBookingItem(table, requestId, status, reason), ...checks, bumpCounters(table, 'outcomes', OUTCOME_COUNTERS[status])]);
}

/** Records a booking rejected or failed (with its reason), counted in the same transaction. */
export async function closeBooking(db: DynamoDBClient, table: string, requestId: string, status: 'rejected' | 'failed', reason?: string): Promise<Settled> {
  return (await close(db, table, requestId, status, reason)).committed ? status : 'duplicate';
}
