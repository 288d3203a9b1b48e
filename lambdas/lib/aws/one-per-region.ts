/**
 * One SDK client per region for the life of the container, built on first use. The endpoint comes
 * from the environment (AWS_ENDPOINT_URL, set by the local runtimes), as with any SDK v3 client.
 */
export function onePerRegion<T>(create: (region: string) => T): (region: string) => T {
  const clients = new Map<string, T>();
  return (region) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = create(region)));
    return client;
  };
}
