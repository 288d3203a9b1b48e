import { z } from 'zod';
import { parseInput } from '../../../core/validation.js';
import { ok, defineAction, lambdaResource } from '../action.js';
import { mappingConfiguration } from '../esm/view.js';
import { functionNameOf } from '../store.js';

const DEFAULT_PAGE = 100;
const query = z.object({
  EventSourceArn: z.string().optional(),
  FunctionName: z.string().optional(),
  Marker: z.string().optional(),
  MaxItems: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Mappings in UUID order, filtered by queue and/or function; the marker is the last UUID of the previous page. */
export const listEventSourceMappings = defineAction(
  { name: 'ListEventSourceMappings', action: 'lambda:ListEventSourceMappings', resource: lambdaResource },
  (input, store, ctx) => {
    const q = parseInput(query, Object.fromEntries(input.query));
    const name = q.FunctionName && functionNameOf(q.FunctionName);
    const all = [...store.mappings(ctx.region).values()]
      .filter((m) => (!q.EventSourceArn || m.eventSourceArn === q.EventSourceArn) && (!name || m.functionName === name) && (!q.Marker || m.uuid > q.Marker))
      .sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
    const page = all.slice(0, q.MaxItems ?? DEFAULT_PAGE);
    return ok({ EventSourceMappings: page.map(mappingConfiguration), NextMarker: page.length < all.length ? page[page.length - 1].uuid : undefined });
  },
);
