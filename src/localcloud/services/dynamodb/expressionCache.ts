import { createRequire } from 'node:module';

/**
 * dynalite parses every Condition/Update/Projection expression with a PEG parser on every request
 * (about 60 µs each, most of a small transaction's cost), although a workload sends the same few
 * expressions again and again. This memoizes its parsers by everything a parse depends on.
 */
const MAX_CACHED_EXPRESSIONS = 5_000;
/**
 * A parse is cached on its key's second sighting. Keys seen once are only remembered: a request whose
 * values change every time (a timestamp, e.g. the consumer's `:now`) would otherwise fill the cache
 * with entries never hit (14 MB per 10k such requests, measured) and pay a tree copy each time.
 */
const MAX_SEEN_ONCE = 5_000;
/** Requests carrying big values (a whole item in ExpressionAttributeValues) are parsed, not cached. */
const MAX_KEY_CHARS = 2_048;
const PARSERS = ['conditionParser', 'updateParser', 'projectionParser'] as const;

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames: Record<string, boolean>;
  unusedAttrVals: Record<string, boolean>;
  isKeyCondition?: boolean;
}
type Parse = (expression: string, options: { context: ParseContext }) => unknown;

interface Parsed {
  /** A pristine copy: dynalite's update code rewrites the parse tree it is given. */
  result: unknown;
  /** The placeholders the expression used, which a parse strikes off the request's "unused" lists. */
  usedNames: string[];
  usedValues: string[];
}

/** Deep copy of a parse tree, keeping dynalite's prototype-less maps prototype-less. */
function copyTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyTree) as T;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = copyTree(v);
  return copy as T;
}

const struckOff = (before: string[], after: Record<string, boolean>) => before.filter((k) => !(k in after));

/** Makes room in a bounded collection kept in insertion order by forgetting its oldest entry. */
function makeRoom(keys: Set<string> | Map<string, unknown>, max: number): void {
  if (keys.size >= max) keys.delete(keys.keys().next().value as string);
}

function memoize(parse: Parse): Parse {
  const cache = new Map<string, Parsed>();
  const seenOnce = new Set<string>();
  return (expression, options) => {
    const { context } = options;
    const key = `${context.isKeyCondition ? 'K' : ''}\u0000${expression}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${JSON.stringify(context.attrVals ?? null)}`;
    if (key.length > MAX_KEY_CHARS) return parse(expression, options);
    const hit = cache.get(key);
    if (hit) {
      for (const name of hit.usedNames) delete context.unusedAttrNames[name];
      for (const value of hit.usedValues) delete context.unusedAttrVals[value];
      return copyTree(hit.result);
    }
    if (!seenOnce.delete(key)) {
      makeRoom(seenOnce, MAX_SEEN_ONCE);
      seenOnce.add(key);
      return parse(expression, options);
    }
    const names = Object.keys(context.unusedAttrNames);
    const values = Object.keys(context.unusedAttrVals);
    const result = parse(expression, options); // a syntax error throws and is not cached
    makeRoom(cache, MAX_CACHED_EXPRESSIONS);
    cache.set(key, { result: copyTree(result), usedNames: struckOff(names, context.unusedAttrNames), usedValues: struckOff(values, context.unusedAttrVals) });
    return result;
  };
}

const require = createRequire(import.meta.url);
for (const name of PARSERS) {
  const parser = require(`dynalite/db/${name}.js`) as { parse: Parse };
  parser.parse = memoize(parser.parse);
}
