/**
 * What a warm consumer learned about full trips. Seats only ever go down, so once `n` seats did not fit
 * on a trip, a booking of `n` or more will not fit either, and its doomed confirm transaction can be
 * skipped. A hint only picks which transaction to try first: both check the seats themselves, so a
 * stale hint costs one extra transaction, never a wrong outcome.
 */
export class SoldOutHints {
  /** Per trip: the fewest seats known not to fit. */
  private readonly noRoomFrom = new Map<string, number>();

  predictsSoldOut(tripId: string, seats: number): boolean {
    const limit = this.noRoomFrom.get(tripId);
    return limit !== undefined && seats >= limit;
  }

  /** `seats` did not fit on the trip just now. */
  noRoomFor(tripId: string, seats: number): void {
    this.noRoomFrom.set(tripId, Math.min(seats, this.noRoomFrom.get(tripId) ?? Infinity));
  }

  /** The trip had room after all (its seats were raised since): forget it. */
  hadRoom(tripId: string): void {
    this.noRoomFrom.delete(tripId);
  }
}
