// The bookings this browser made, kept in localStorage per API so two stacks never mix.
const STORAGE_PREFIX = 'bus-cli.bookings:';
export const MAX_KEPT_BOOKINGS = 50;

/** `unknown`: the API no longer knows the requestId (e.g. the stack was rebuilt); nothing left to wait for. */
const FINAL_STATUSES = new Set(['confirmed', 'sold_out', 'rejected', 'failed', 'unknown']);

export const isFinal = (booking) => FINAL_STATUSES.has(booking.status);

const isBooking = (b) => b !== null && typeof b === 'object' && typeof b.requestId === 'string' && typeof b.status === 'string';

export function createBookingStore(apiBase) {
  const key = `${STORAGE_PREFIX}${apiBase}`;
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
    /** Newest first; a replayed requestId updates its row instead of adding one. */
    add(booking) {
      list = [booking, ...list.filter((b) => b.requestId !== booking.requestId)];
      save();
    },
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
