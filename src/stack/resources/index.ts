import type { Resource } from '../context.js';
import { bucket } from './bucket.js';
import { table } from './table.js';
import { seed } from './seed.js';
import { dlq, queue } from './queue.js';
import { consumerRole, producerRole } from './roles.js';
import { consumerFunction, producerFunction } from './functions.js';
import { mapping } from './mapping.js';
import { httpApi } from './httpApi.js';
import { site } from './site.js';

/** Every resource of the stack, in an order where each comes after what it depends on. */
export const RESOURCES: Resource<unknown>[] = [
  bucket,
  table,
  seed,
  dlq,
  queue,
  producerRole,
  consumerRole,
  producerFunction,
  consumerFunction,
  mapping,
  httpApi,
  site,
] as Resource<unknown>[];
