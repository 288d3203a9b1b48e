import { z } from 'zod';
import { parseInput } from '../../../core/validation.js';
import { ok, defineAction, lambdaResource } from '../action.js';
import { functionConfiguration } from '../view.js';

const DEFAULT_PAGE = 50;
const query = z.object({ MaxItems: z.coerce.number().int().min(1).max(10_000).optional(), Marker: z.string().optional() });

/** Functions in name order; the marker is the last name of the previous page. */
export const listFunctions = defineAction({ name: 'ListFunctions', action: 'lambda:ListFunctions', resource: lambdaResource }, (input, store, ctx) => {
  const { MaxItems, Marker } = parseInput(query, Object.fromEntries(input.query));
  const all = [...store.functions(ctx.region).values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const rest = Marker ? all.filter((fn) => fn.name > Marker) : all;
  const page = rest.slice(0, MaxItems ?? DEFAULT_PAGE);
  return ok({ Functions: page.map(functionConfiguration), NextMarker: page.length < rest.length ? page[page.length - 1].name : undefined });
});
