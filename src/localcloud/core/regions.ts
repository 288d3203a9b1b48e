/** One store per region, made on first use: what a service whose resources are regional keeps. */
export class PerRegion<T> {
  private readonly byRegion = new Map<string, T>();

  constructor(private readonly create: (region: string) => T) {}

  /** The region's store, made now if it has none yet. */
  of(region: string): T {
    let store = this.byRegion.get(region);
    if (!store) this.byRegion.set(region, (store = this.create(region)));
    return store;
  }

  /** The region's store if it has one: for lookups that must not make one. */
  existing(region: string): T | undefined {
    return this.byRegion.get(region);
  }

  all(): T[] {
    return [...this.byRegion.values()];
  }
}
