import type { SQSRecord } from 'aws-lambda';
import type { BookingMessage } from '../domain/booking.js';
import { parseBookingMessage } from '../domain/message.js';
import { cachedCatalog } from './catalog.js';
import { recordLogger, type ConsumeDeps, type RecordResult } from './consume-record.js';
import { settleTogether } from './settle.js';

interface Member {
  record: SQSRecord;
  message: BookingMessage;
}

/**
 * The batch's valid bookings of known trips, by trip, in queue order. A requestId met twice (one message
 * delivered twice in a batch) is left to the one-by-one pass, which finds it settled.
 */
function groupByTrip(records: readonly SQSRecord[], tripIds: readonly string[]): Member[][] {
  const groups = new Map<string, Member[]>();
  const seen = new Set<string>();
  for (const record of records) {
    const parsed = parseBookingMessage(record.body);
    if (!parsed.ok || !tripIds.includes(parsed.message.tripId) || seen.has(parsed.message.requestId)) continue;
    seen.add(parsed.message.requestId);
    const group = groups.get(parsed.message.tripId) ?? [];
    group.push({ record, message: parsed.message });
    groups.set(parsed.message.tripId, group);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/**
 * Settles the batch's bookings trip by trip, each trip's in one transaction where they all end the same
 * way (a holiday rush is mostly ten bookings of one trip, all confirmed or, later, all sold out): one
 * DynamoDB call for ten records instead of ten. Returns the results of the records it settled; the rest
 * (poison, unknown trips, a refused group) are the caller's to settle one by one.
 */
export async function consumeTogether(records: readonly SQSRecord[], deps: ConsumeDeps): Promise<Map<SQSRecord, RecordResult>> {
  const results = new Map<SQSRecord, RecordResult>();
  let tripIds: readonly string[];
  try {
    tripIds = (await cachedCatalog(deps.db, deps.config.table)).tripIds;
  } catch {
    return results; // the one-by-one pass meets the same error and handles it per record
  }
  for (const group of groupByTrip(records, tripIds)) {
    const settled = await settleTogether(
      deps.db,
      deps.config.table,
      group.map((m) => m.message),
      deps.hints,
    ).catch((err: unknown) => {
      deps.log.warn('could not settle records together, settling them one by one', { tripId: group[0].message.tripId, records: group.length, error: err });
      return undefined;
    });
    if (!settled) continue;
    for (const member of group) {
      results.set(member.record, settled);
      recordLogger(deps.log, member.record, member.message.requestId).debug('record settled', { result: settled, together: group.length });
    }
  }
  return results;
}
