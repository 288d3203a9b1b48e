import { partition } from '@aws-sdk/core/client';
import { UserError } from '../errors.js';

/** The shape of every region name; anything else is not worth a look-up. */
const REGION_SHAPE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const AREAS = ['us', 'us-gov', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx', 'cn'];
const DIRECTIONS = ['north', 'south', 'east', 'west', 'central', 'northeast', 'southeast', 'northwest', 'southwest'];
const MAX_REGION_NUMBER = 9;
/** A suggestion further than this many edits from what was typed is not a typo of it. */
const MAX_SUGGESTION_EDITS = 3;

/** Known to the AWS SDK's partition table (which comes with the SDK, so no network is needed to tell). */
export const isKnownRegion = (region: string) => (partition(region) as { description?: string }).description !== undefined;

/** Every region the SDK knows, found by trying each well-formed name (the table itself is not exported). */
function knownRegions(): string[] {
  const names = AREAS.flatMap((area) => DIRECTIONS.flatMap((dir) => Array.from({ length: MAX_REGION_NUMBER }, (_, i) => `${area}-${dir}-${i + 1}`)));
  return names.filter(isKnownRegion);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The nearest known region name, when `region` looks like a typo of one. */
export function nearestRegion(region: string): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of knownRegions()) {
    const edits = editDistance(region, name);
    if (!best || edits < best.edits) best = { name, edits };
  }
  return best && best.edits <= MAX_SUGGESTION_EDITS ? best.name : undefined;
}

/**
 * A wrong region fails here, before any call: on AWS a misspelt region is a DNS failure after a wait,
 * and behind --endpoint it would quietly create a stack in a region that does not exist.
 */
export function checkRegion(region: string): void {
  if (REGION_SHAPE.test(region) && isKnownRegion(region)) return;
  const nearest = nearestRegion(region);
  throw new UserError(`--region '${region}' is not an AWS region name`, nearest ? `did you mean --region ${nearest}?` : 'use one like --region ap-northeast-2');
}
