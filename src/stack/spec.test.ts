import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTrips, ENV, ROUTE_KEYS, STATS_KEY, type Trip } from '../../lambdas/domain/index.js';
import { consumerConfig, DEFAULT_STATS_WRITE_INTERVAL_MS, producerConfig } from '../../lambdas/lib/config.js';
import { SETTINGS } from './config.js';
import { savedTrips, specHash, stackSpec, wantedTrips } from './spec.js';

const TRIPS: Trip[] = [{ id: 'seoul-gangneung-1', from: '서울', to: '강릉', date: '2026-09-24', departure: '09:00', seats: 30 }];
const OUTPUTS = { bucket: 'tripsfile-app-bucket-123456789012-eu-west-1', queueUrl: 'http://q/tripsfile-queue', dlqUrl: 'http://q/tripsfile-queue-dlq' };

describe('the stack spec: the desired state as one value', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('from the defaults: the seed stack, its settings and runtime, every route, the default timetable', () => {
    const spec = stackSpec();
    expect(spec.names).toMatchObject({ stack: 'aram', bucket: 'aram-app-bucket', table: 'aram-stats', queue: 'aram-queue', producer: 'aram-producer' });
    expect(spec.runtime).toBe(SETTINGS.runtime);
    expect(spec.settings).toMatchObject({ stage: 'prod', statsKey: STATS_KEY, maxReceiveCount: 5 });
    expect(spec.settings).not.toHaveProperty('runtime');
    expect([...spec.routes].sort()).toEqual(Object.values(ROUTE_KEYS).sort());
    expect(spec.trips).toBe(defaultTrips);
    expect(spec.seedItems()).toHaveLength(2 + defaultTrips.length);
    expect(savedTrips(spec)).toBeUndefined();
  });

  it('from a saved target with trips: those trips for that stack, the default timetable for another, --trips over both', () => {
    const saved = { stack: 'tripsfile', trips: TRIPS };
    expect(wantedTrips('tripsfile', saved)).toBe(TRIPS);
    expect(wantedTrips('other', saved)).toBe(defaultTrips);
    expect(wantedTrips('aram', { trips: TRIPS })).toBe(TRIPS);
    expect(wantedTrips('aram', undefined)).toBe(defaultTrips);
    const given = [{ ...TRIPS[0], seats: 10 }];
    expect(wantedTrips('tripsfile', saved, given)).toBe(given);

    const spec = stackSpec({ stack: 'tripsfile', bucket: OUTPUTS.bucket, trips: wantedTrips('tripsfile', saved) });
    expect(spec.names).toMatchObject({ stack: 'tripsfile', bucket: OUTPUTS.bucket, table: 'tripsfile-stats' });
    expect(spec.seedItems().map((i) => i.id.S)).toContain('trip#seoul-gangneung-1');
    expect(savedTrips(spec)).toEqual(TRIPS);
    // What status --json reports: the same choices give the same digest, other trips another.
    expect(specHash(spec)).toBe(specHash(stackSpec({ stack: 'tripsfile', bucket: OUTPUTS.bucket, trips: TRIPS })));
    expect(specHash(spec)).not.toBe(specHash(stackSpec({ stack: 'tripsfile', bucket: OUTPUTS.bucket })));
  });

  it("writes the functions' environment with the contract's writers, and each Lambda's config reader parses it back", () => {
    const spec = stackSpec({ stack: 'tripsfile', trips: TRIPS });
    const env = spec.environment('eu-west-1', OUTPUTS);
    for (const [name, value] of Object.entries(env.consumer)) vi.stubEnv(name, value);
    expect(consumerConfig()).toEqual({
      region: 'eu-west-1',
      table: 'tripsfile-stats',
      bucket: OUTPUTS.bucket,
      key: STATS_KEY,
      statsWriteIntervalMs: DEFAULT_STATS_WRITE_INTERVAL_MS,
      maxReceiveCount: SETTINGS.maxReceiveCount,
      queueUrl: OUTPUTS.queueUrl,
      dlqUrl: OUTPUTS.dlqUrl,
    });
    vi.unstubAllEnvs();
    for (const [name, value] of Object.entries(env.producer)) vi.stubEnv(name, value);
    expect(producerConfig()).toEqual({
      region: 'eu-west-1',
      table: 'tripsfile-stats',
      queueName: 'tripsfile-queue',
      queueUrl: OUTPUTS.queueUrl,
      dlqUrl: OUTPUTS.dlqUrl,
    });
    expect(env.producer).not.toHaveProperty(ENV.bucket);
  });

  it('before the bucket exists, the consumer is told the bucket the spec names', () => {
    expect(stackSpec({ stack: 'tripsfile' }).environment('eu-west-1', {}).consumer[ENV.bucket]).toBe('tripsfile-app-bucket');
  });
});
