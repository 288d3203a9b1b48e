import { createRequire } from 'node:module';

/**
 * dynalite parses every Condition/Update/Projection expression with a PEG parser on every request
 * (about 60 µs each, most of a small transaction's cost), although a workload sends the same few
 * expressions again and again. This memoizes its parsers by everything a parse depends on: the
 * expression, the attribute names, and the *types* of the attribute values (its type checks read
 * nothing else), so that `SET updatedAt = :now` is parsed once, not once per timestamp. The parse
 * tree holds the request's value objects themselves; a cached tree holds named slots instead, filled
 * with the next request's values.
 */
const MAX_CACHED_EXPRESSIONS = 5_000;
/**
 * A parse is cached on its key's second sighting. Keys seen once are only remembered, so that a flow of
 * one-off expressions neither fills the cache with entries never hit nor pays a tree copy each time.
 */
const MAX_SEEN_ONCE = 5_000;
/** Longer keys (an expression with hundreds of placeholders) are parsed, not cached. */
const MAX_KEY_CHARS = 2_048;
/**
 * The parser's checks that read a value's *content*, not only its type: attribute_type(path, :t) checks
 * :t names a type, BETWEEN :lo AND :hi checks lo <= hi. Such expressions keep their values in the key.
 */
const READS_VALUE_CONTENT = /attribute_type|\bbetween\b/i;
const PARSERS = ['conditionParser', 'updateParser', 'projectionParser'] as const;

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, object>;
  unusedAttrNames: Record<string, boolean>;
  unusedAttrVals: Record<string, boolean>;
  isKeyCondition?: boolean;
}
type Parse = (expression: string, options: { context: ParseContext }) => unknown;

interface Parsed {
  /** A pristine copy with ValueSlots where the request's values were: dynalite's update code rewrites the tree it is given. */
  template: unknown;
  /** The placeholders the expression used, which a parse strikes off the request's "unused" lists. */
  usedNames: string[];
  usedValues: string[];
}

/** Where a parse tree held the value of the placeholder `name`. */
class ValueSlot {
  constructor(readonly name: string) {}
}

/** Deep copy of a parse tree, keeping dynalite's prototype-less maps prototype-less; `swap` may replace a node whole. */
function copyTree(value: unknown, swap: (node: object) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const swapped = swap(value);
  if (swapped !== undefined) return swapped;
  if (Array.isArray(value)) return value.map((v) => copyTree(v, swap));
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = copyTree(v, swap);
  return copy;
}

/** The tree with a ValueSlot wherever it holds one of the request's values. */
function toTemplate(tree: unknown, values: Record<string, object> = {}): unknown {
  const slots = new Map(Object.entries(values).map(([name, value]) => [value, new ValueSlot(name)]));
  return copyTree(tree, (node) => slots.get(node));
}

/** A fresh tree from a template, its slots filled with this request's values. */
function fromTemplate(template: unknown, values: Record<string, object> = {}): unknown {
  return copyTree(template, (node) => (node instanceof ValueSlot ? values[node.name] : undefined));
}

/** The immediate type of each value (`{":now":"S"}`), or the values themselves when the expression reads their content. */
function valuesKey(expression: string, values: Record<string, object> | undefined): string {
  if (!values) return 'null';
  if (READS_VALUE_CONTENT.test(expression)) return JSON.stringify(values);
  return Object.entries(values)
    .map(([name, value]) => `${name}=${Object.keys(value).join('|')}`)
    .join(',');
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
    const key = `${context.isKeyCondition ? 'K' : ''}\u0000${expression}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${valuesKey(expression, context.attrVals)}`;
    if (key.length > MAX_KEY_CHARS) return parse(expression, options);
    const hit = cache.get(key);
    if (hit) {
      for (const name of hit.usedNames) delete context.unusedAttrNames[name];
      for (const value of hit.usedValues) delete context.unusedAttrVals[value];
      return fromTemplate(hit.template, context.attrVals);
    }
    if (!seenOnce.delete(key)) {
      makeRoom(seenOnce, MAX_SEEN_ONCE);
      seenOnce.add(key);
      return parse(expression, options);
    }
    const names = Object.keys(context.unusedAttrNames);
    const values = Object.keys(context.unusedAttrVals);
    const result = parse(expression, options); // a syntax error throws and is not cached
    // A semantic error comes back as its message, which may quote this request's values: not cached either.
    if (typeof result === 'string') return result;
    makeRoom(cache, MAX_CACHED_EXPRESSIONS);
    cache.set(key, {
      template: toTemplate(result, context.attrVals),
      usedNames: struckOff(names, context.unusedAttrNames),
      usedValues: struckOff(values, context.unusedAttrVals),
    });
    return result;
  };
}

const require = createRequire(import.meta.url);
for (const name of PARSERS) {
  const parser = require(`dynalite/db/${name}.js`) as { parse: Parse };
  parser.parse = memoize(parser.parse);
}
