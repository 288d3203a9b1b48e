// The bookings this browser made, kept in localStorage per API so two stacks never mix.
const STORAGE_PREFIX = 'bus-cli.bookings:';
export const MAX_KEPT_BOOKINGS = 50;

/**
 * A booking request this browser sent, and what the API last said of it.
 * @typedef {object} Booking
 * @property {string} requestId
 * @property {string} status `queued` until the API answers, then the API's status (or `unknown`)
 * @property {string} [tripId]
 * @property {number} [seats]
 * @property {string} [passenger]
 * @property {string} [reason]
 * @property {string} [createdAt]
 */

/** `unknown`: the API no longer knows the requestId (e.g. the stack was rebuilt); nothing left to wait for. */
const FINAL_STATUSES = new Set(['confirmed', 'sold_out', 'rejected', 'failed', 'unknown']);

/** @param {Booking} booking */
export const isFinal = (booking) => FINAL_STATUSES.has(booking.status);

/**
 * What localStorage holds may be anything: only entries with a requestId and a status are kept.
 * @param {unknown} b
 * @returns {b is Booking}
 */
const isBooking = (b) =>
  b !== null && typeof b === 'object' && 'requestId' in b && typeof b.requestId === 'string' && 'status' in b && typeof b.status === 'string';

/** @param {string} apiBase */
export function createBookingStore(apiBase) {
  const key = `${STORAGE_PREFIX}${apiBase}`;
  /** @type {Booking[]} */
  let list = [];
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (Array.isArray(stored)) list = stored.filter(isBooking);
  } catch {
    // unreadable storage: start empty
  }
  const save = () => {
    list = list.slice(0, MAX_KEPT_BOOKINGS);
    try {
      localStorage.setItem(key, JSON.stringify(list));
    } catch {
      // storage full or disabled: the list lives until the page closes
    }
  };
  return {
    all: () => list,
    pending: () => list.filter((b) => !isFinal(b)),
    /**
     * Newest first; a replayed requestId updates its row instead of adding one.
     * @param {Booking} booking
     */
    add(booking) {
      list = [booking, ...list.filter((b) => b.requestId !== booking.requestId)];
      save();
    },
    /**
     * @param {string} requestId
     * @param {Partial<Booking>} changes
     */
    update(requestId, changes) {
      list = list.map((b) => (b.requestId === requestId ? { ...b, ...changes } : b));
      save();
    },
    clear() {
      list = [];
      save();
    },
  };
}
