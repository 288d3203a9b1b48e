/** The producer accepts 1..4 seats per booking; valid requests cycle through them. */
export const MAX_SEATS_PER_BOOKING = 4;
const PASSENGER = 'flood';
/** A trip id no timetable has, so the producer must answer 400. */
export const UNKNOWN_TRIP_ID = 'flood-no-such-trip';

export type RequestKind = 'valid' | 'duplicate' | 'invalid';
/** The malformed bodies `--invalid` sends, in turn; each must be answered 400. */
export const INVALID_KINDS = ['bad-json', 'seats-out-of-range', 'unknown-trip'] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

export interface PlannedRequest {
  /** Position in the run; a valid request's Idempotency-Key is derived from it. */
  index: number;
  kind: RequestKind;
  /** One of the few bodies encoded up front (the client keys its encoded request on the buffer). */
  body: Buffer;
  /**
   * The index whose Idempotency-Key the request carries: its own for a valid request, the earlier request's
   * for a duplicate; -1 for an invalid one, which carries none.
   */
  originalIndex: number;
  invalidKind?: InvalidKind;
}

export interface RequestMixOptions {
  runId: string;
  /** Trips to book in turn; empty books the producer's default trip (body without tripId). */
  tripIds: string[];
  /** Fractions of all requests, 0..1. */
  duplicates: number;
  invalid: number;
}

/** The Idempotency-Key a run's valid request `index` carries; duplicates re-send it. */
export function idempotencyKey(runId: string, index: number): string {
  return `${idempotencyKeyPrefix(runId)}${index}`;
}

/** What every Idempotency-Key of a run starts with; the request index follows. */
export function idempotencyKeyPrefix(runId: string): string {
  return `flood-${runId}-`;
}

/**
 * Produces the run's requests in order. Duplicates and invalid requests are spread evenly
 * (a running debt per fraction), so N requests carry round(N x fraction) of each, not a random number.
 * Bodies are encoded once up front: the hot path only picks a buffer (the client writes the key's index).
 */
export class RequestMix {
  private index = 0;
  private duplicateDebt = 0.5;
  private invalidDebt = 0.5;
  private invalidTurn = 0;
  private readonly validIndexes: number[] = [];
  private readonly validBodies: Buffer[];
  private readonly invalidBodies: Record<InvalidKind, Buffer>;

  constructor(private readonly options: RequestMixOptions) {
    const trips = options.tripIds.length > 0 ? options.tripIds : [undefined];
    this.validBodies = trips.flatMap((tripId) =>
      Array.from({ length: MAX_SEATS_PER_BOOKING }, (_, seat) => encode({ tripId, seats: seat + 1, passenger: PASSENGER })),
    );
    this.invalidBodies = {
      'bad-json': Buffer.from('{"tripId":'),
      'seats-out-of-range': encode({ tripId: options.tripIds[0], seats: 99, passenger: PASSENGER }),
      'unknown-trip': encode({ tripId: UNKNOWN_TRIP_ID, seats: 1, passenger: PASSENGER }),
    };
  }

  next(): PlannedRequest {
    const index = this.index++;
    this.duplicateDebt += this.options.duplicates;
    this.invalidDebt += this.options.invalid;
    if (this.invalidDebt >= 1) {
      this.invalidDebt -= 1;
      const invalidKind = INVALID_KINDS[this.invalidTurn++ % INVALID_KINDS.length]!;
      return { index, kind: 'invalid', body: this.invalidBodies[invalidKind], originalIndex: -1, invalidKind };
    }
    if (this.duplicateDebt >= 1 && this.validIndexes.length > 0) {
      this.duplicateDebt -= 1;
      const originalIndex = this.validIndexes[Math.floor(Math.random() * this.validIndexes.length)]!;
      return { index, kind: 'duplicate', body: this.bodyOf(originalIndex), originalIndex };
    }
    this.validIndexes.push(index);
    return { index, kind: 'valid', body: this.bodyOf(index), originalIndex: index };
  }

  /** The body request `index` carried, so a duplicate re-sends exactly what its original sent. */
  private bodyOf(index: number): Buffer {
    return this.validBodies[index % this.validBodies.length]!;
  }
}

function encode(body: { tripId: string | undefined; seats: number; passenger: string }): Buffer {
  return Buffer.from(JSON.stringify(body));
}
