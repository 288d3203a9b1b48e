import type { AcceptedRequest, DuplicateAnswer, InvalidAnswer } from './load.js';
import { summarizeDurationsMs, type LatencyStats } from './latency.js';

/** How many offending ids a failed check names in its detail. */
const EXAMPLES_SHOWN = 5;

/** The states a booking ends in; `queued` is the only one that is not final. */
export const FINAL_STATUSES = ['confirmed', 'sold_out', 'rejected', 'failed'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** A booking item as read from the table (only the fields the checks use). */
export interface BookingRecord {
  requestId: string;
  status: string;
  tripId?: string;
  seats?: number;
  /** Epoch ms the producer accepted it / the consumer gave it its final state. */
  acceptedAt?: number;
  finalAt?: number;
}

export interface TripRecord {
  tripId: string;
  /** Seats the trip was put on sale with. */
  capacity: number;
  /** The trip item's remaining seats, when the caller read it. */
  seatsLeft?: number;
}

/** The stack's counters summed over their shards; a missing one is not checked. */
export interface StackCounters {
  requests?: number;
  processed?: number;
  success?: number;
  confirmed?: number;
  soldOut?: number;
  rejected?: number;
  failed?: number;
}

export interface InvariantInput {
  trips: TripRecord[];
  /** Every booking in the table, since the counters cover every run, not just this one. */
  bookings: BookingRecord[];
  counters: StackCounters;
  /** From the load result: this run's accepted requests, re-sent keys and malformed requests. */
  accepted: AcceptedRequest[];
  duplicates: DuplicateAnswer[];
  invalid: InvalidAnswer[];
  /** requestIds of messages parked in the DLQ: a final state too. */
  dlqRequestIds?: string[];
}

export interface InvariantResult {
  name: string;
  pass: boolean;
  detail: string;
}

/** The booking system's promises, checked on plain data after the queue has drained. */
export function checkInvariants(input: InvariantInput): InvariantResult[] {
  return [
    noOversell(input),
    noneLost(input),
    noneDuplicated(input),
    countersMatchRecount(input),
    duplicatesAnsweredWithOriginal(input),
    invalidAnswered4xx(input),
  ];
}

/** Accept-to-final latency of this run's bookings that carry both timestamps; undefined when none do. */
export function endToEndLatency(bookings: BookingRecord[], accepted: AcceptedRequest[]): LatencyStats | undefined {
  const ids = new Set(accepted.map((request) => request.requestId));
  const durations = bookings
    .filter((booking) => ids.has(booking.requestId) && booking.acceptedAt !== undefined && booking.finalAt !== undefined)
    .map((booking) => booking.finalAt! - booking.acceptedAt!);
  return durations.length === 0 ? undefined : summarizeDurationsMs(durations);
}

function result(name: string, offences: string[], passDetail: string): InvariantResult {
  return { name, pass: offences.length === 0, detail: offences.length === 0 ? passDetail : offences.join('; ') };
}

function confirmedSeatsByTrip(bookings: BookingRecord[]): Map<string, number> {
  const seats = new Map<string, number>();
  for (const booking of bookings) {
    if (booking.status === 'confirmed' && booking.tripId !== undefined) seats.set(booking.tripId, (seats.get(booking.tripId) ?? 0) + (booking.seats ?? 0));
  }
  return seats;
}

function noOversell({ trips, bookings }: InvariantInput): InvariantResult {
  const sold = confirmedSeatsByTrip(bookings);
  const offences = trips.flatMap((trip) => {
    const confirmed = sold.get(trip.tripId) ?? 0;
    const oversold = confirmed > trip.capacity ? [`${trip.tripId}: ${confirmed} seats confirmed of ${trip.capacity}`] : [];
    const negative = trip.seatsLeft !== undefined && trip.seatsLeft < 0 ? [`${trip.tripId}: seatsLeft ${trip.seatsLeft}`] : [];
    return [...oversold, ...negative];
  });
  const total = [...sold.values()].reduce((sum, seats) => sum + seats, 0);
  const soldOn = [...sold.keys()].sort().join(', ') || 'no trip';
  return result('no oversell', offences, `${total} seats confirmed on ${soldOn}; none of the ${trips.length} trips above capacity`);
}

function finalStatesById({ bookings, dlqRequestIds = [] }: InvariantInput): Map<string, string[]> {
  const states = new Map<string, string[]>();
  const add = (requestId: string, state: string) => states.set(requestId, [...(states.get(requestId) ?? []), state]);
  for (const booking of bookings) if ((FINAL_STATUSES as readonly string[]).includes(booking.status)) add(booking.requestId, booking.status);
  for (const requestId of dlqRequestIds) add(requestId, 'dlq');
  return states;
}

function noneLost(input: InvariantInput): InvariantResult {
  const states = finalStatesById(input);
  const lost = input.accepted.filter(({ requestId }) => !states.has(requestId)).map(({ requestId }) => requestId);
  const offences = lost.length === 0 ? [] : [`${lost.length} of ${input.accepted.length} accepted requests not in a final state: ${examples(lost)}`];
  return result('every accepted request reached a final state', offences, `${input.accepted.length} accepted, all final`);
}

function noneDuplicated(input: InvariantInput): InvariantResult {
  const states = finalStatesById(input);
  const twice = input.accepted.filter(({ requestId }) => (states.get(requestId)?.length ?? 0) > 1);
  const idsByKey = new Map<string, Set<string>>();
  for (const { requestId, idempotencyKey } of input.accepted) idsByKey.set(idempotencyKey, (idsByKey.get(idempotencyKey) ?? new Set()).add(requestId));
  const splitKeys = [...idsByKey].filter(([, ids]) => ids.size > 1).map(([key]) => key);
  const offences = [
    ...(twice.length > 0
      ? [
          `${twice.length} requests in more than one final state: ${examples(twice.map(({ requestId }) => `${requestId} (${states.get(requestId)!.join(', ')})`))}`,
        ]
      : []),
    ...(splitKeys.length > 0 ? [`${splitKeys.length} Idempotency-Keys accepted under more than one requestId: ${examples(splitKeys)}`] : []),
  ];
  return result('no request in two final states', offences, `each of ${input.accepted.length} accepted requests in exactly one final state`);
}

function countersMatchRecount({ bookings, counters, trips }: InvariantInput): InvariantResult {
  const byStatus = (status: string) => bookings.filter((booking) => booking.status === status).length;
  const finals = FINAL_STATUSES.reduce((sum, status) => sum + byStatus(status), 0);
  const recount: Required<StackCounters> = {
    requests: bookings.length,
    processed: finals,
    success: byStatus('confirmed'),
    confirmed: byStatus('confirmed'),
    soldOut: byStatus('sold_out'),
    rejected: byStatus('rejected'),
    failed: byStatus('failed'),
  };
  const offences = (Object.keys(recount) as (keyof StackCounters)[])
    .filter((name) => counters[name] !== undefined && counters[name] !== recount[name])
    .map((name) => `${name} counter ${counters[name]}, recount ${recount[name]}`);
  const sold = confirmedSeatsByTrip(bookings);
  for (const trip of trips) {
    const expectedLeft = trip.capacity - (sold.get(trip.tripId) ?? 0);
    if (trip.seatsLeft !== undefined && trip.seatsLeft !== expectedLeft) offences.push(`${trip.tripId}: seatsLeft ${trip.seatsLeft}, recount ${expectedLeft}`);
  }
  const checked = (Object.keys(counters) as (keyof StackCounters)[]).filter((name) => counters[name] !== undefined);
  return result('counters match the recount', offences, `${checked.join(', ') || 'no counters'} and seats left agree with ${bookings.length} bookings`);
}

function duplicatesAnsweredWithOriginal({ duplicates }: InvariantInput): InvariantResult {
  const comparable = duplicates.filter((d) => isOk(d.status) && isOk(d.originalStatus));
  const mismatched = comparable.filter((d) => d.requestId !== d.originalRequestId);
  const offences =
    mismatched.length === 0
      ? []
      : [
          `${mismatched.length} re-sent keys got a new requestId: ${examples(mismatched.map((d) => `${d.idempotencyKey} ${d.originalRequestId} -> ${d.requestId}`))}`,
        ];
  const unanswered = duplicates.length - comparable.length;
  return result(
    'duplicates answered with the original requestId',
    offences,
    duplicates.length === 0
      ? 'no duplicates sent'
      : `${comparable.length} re-sent keys answered with the original requestId${unanswered > 0 ? ` (${unanswered} not comparable: one side had no 2xx)` : ''}`,
  );
}

function invalidAnswered4xx({ invalid }: InvariantInput): InvariantResult {
  const wrong = invalid.filter((answer) => answer.status < 400 || answer.status >= 500);
  const offences =
    wrong.length === 0
      ? []
      : [`${wrong.length} of ${invalid.length} malformed requests not answered 4xx: ${examples(wrong.map((a) => `${a.kind} -> ${a.status || 'no answer'}`))}`];
  return result(
    'invalid requests answered 4xx',
    offences,
    invalid.length === 0 ? 'no invalid requests sent' : `${invalid.length} malformed requests, all answered 4xx`,
  );
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function examples(items: string[]): string {
  return items.slice(0, EXAMPLES_SHOWN).join(', ') + (items.length > EXAMPLES_SHOWN ? `, … (${items.length - EXAMPLES_SHOWN} more)` : '');
}
