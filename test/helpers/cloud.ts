import { LocalCloud, type StartOptions } from '../../src/localcloud/cloud.js';
import { createClients, destroyClients, type Clients } from '../../src/aws/clients.js';

export interface TestCloud {
  cloud: LocalCloud;
  clients: Clients;
  region: string;
  stop(): Promise<void>;
}

/** An embedded cloud on a free loopback port with SDK clients pointed at it; in memory unless `ephemeral: false`. */
export async function startTestCloud(opts: StartOptions = {}, region = 'ap-northeast-2'): Promise<TestCloud> {
  const cloud = await LocalCloud.start({ port: 0, strict: false, ephemeral: true, ...opts });
  const clients = createClients({ region, endpoint: cloud.endpoint, maxAttempts: 1 });
  return {
    cloud,
    clients,
    region,
    async stop() {
      destroyClients(clients);
      await cloud.stop();
    },
  };
}
