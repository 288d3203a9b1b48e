import type { AcceptedRequest } from './load.js';
import type { BookingRecord } from './invariants.js';

/** What became of a run's accepted bookings: the final states, and still `queued` when the drain gave up. */
export interface OutcomeCounts {
  confirmed: number;
  soldOut: number;
  rejected: number;
  failed: number;
  queued: number;
  seatsConfirmed: number;
}

export interface RunOutcomes {
  total: OutcomeCounts;
  /** Per trip the run booked, in the order of its ids. */
  byTrip: Record<string, OutcomeCounts>;
}

const FIELD_BY_STATUS: Record<string, Exclude<keyof OutcomeCounts, 'seatsConfirmed'>> = {
  confirmed: 'confirmed',
  sold_out: 'soldOut',
  rejected: 'rejected',
  failed: 'failed',
  queued: 'queued',
};

const none = (): OutcomeCounts => ({ confirmed: 0, soldOut: 0, rejected: 0, failed: 0, queued: 0, seatsConfirmed: 0 });

/** Counts this run's bookings (the table may hold earlier runs' too) by state, in all and per trip. */
export function countOutcomes(bookings: readonly BookingRecord[], accepted: readonly AcceptedRequest[]): RunOutcomes {
  const ours = new Set(accepted.map((a) => a.requestId));
  const total = none();
  const byTrip: Record<string, OutcomeCounts> = {};
  for (const booking of bookings) {
    const field = FIELD_BY_STATUS[booking.status];
    if (!ours.has(booking.requestId) || !field) continue;
    const trip = (byTrip[booking.tripId ?? '?'] ??= none());
    for (const counts of [total, trip]) {
      counts[field]++;
      if (field === 'confirmed') counts.seatsConfirmed += booking.seats ?? 0;
    }
  }
  return { total, byTrip: Object.fromEntries(Object.entries(byTrip).sort(([a], [b]) => a.localeCompare(b))) };
}

/** `12 confirmed (30 seats) · 80 sold out · 0 rejected · 0 failed`, plus what is still queued, if any. */
export function formatOutcomes(counts: OutcomeCounts): string {
  const queued = counts.queued > 0 ? ` · ${counts.queued} still queued` : '';
  return `${counts.confirmed} confirmed (${counts.seatsConfirmed} seats) · ${counts.soldOut} sold out · ${counts.rejected} rejected · ${counts.failed} failed${queued}`;
}
