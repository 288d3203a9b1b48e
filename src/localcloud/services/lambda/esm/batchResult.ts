/**
 * The message ids a function reported as failed with ReportBatchItemFailures
 * (`{ batchItemFailures: [{ itemIdentifier }] }`), or 'all' when Lambda would fail the whole
 * batch: invalid JSON, an item without an itemIdentifier, or an id that is not in the batch.
 * No response, no list or an empty list mean the whole batch succeeded.
 */
export function failedItems(payload: Buffer, batchIds: ReadonlySet<string>): Set<string> | 'all' {
  let response: unknown;
  try {
    response = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'all';
  }
  const failures = response && typeof response === 'object' ? (response as { batchItemFailures?: unknown }).batchItemFailures : undefined;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set<string>();
  for (const item of failures) {
    const id = item && typeof item === 'object' ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !batchIds.has(id)) return 'all';
    ids.add(id);
  }
  return ids;
}
