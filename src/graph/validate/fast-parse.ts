import type { z } from 'zod';

/**
 * A faster way through a zod schema for values that pass it, derived from the schema itself. Zod
 * builds a payload, an issue list and a context for every value it visits, which is most of the cost
 * of validating a million records although nearly all of them are valid. The parser built here walks
 * the schema's own definition (objects, records, arrays, unions, pipes, defaults…) and runs the
 * schema's own checks (`_zod.check`: regexes, lengths, trims, refinements), so the schema stays the
 * one source of truth; at the first problem it gives up with {@link REJECTED}, and the caller asks
 * zod, which names every problem (or, should this parser ever be stricter than zod, accepts the value).
 * A schema made of anything it does not know gets no fast parser at all ({@link fastParser} returns
 * undefined) rather than a guess.
 */

/** The fast path's answer for a value it does not accept: zod must look at it. */
export const REJECTED: unique symbol = Symbol('rejected');

type Parse = (value: unknown) => unknown;

/** The parts of zod 4's internals this walks: each schema's definition, its checks and traits. */
interface Internals {
  readonly def: Definition;
  readonly traits: Set<string>;
  readonly optin?: 'optional' | 'defaulted';
  readonly optout?: 'optional';
  readonly values?: Set<unknown>;
  readonly check?: (payload: Payload) => unknown;
}

interface Definition {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: Internals }[];
  readonly shape?: Record<string, Schema>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly out?: Schema;
  readonly options?: readonly Schema[];
  readonly transform?: (value: unknown, payload: Payload) => unknown;
  readonly defaultValue?: unknown;
  readonly coerce?: boolean;
  readonly mode?: string;
  readonly when?: (payload: Payload) => boolean;
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

interface Schema {
  readonly _zod: Internals;
}

class Unsupported extends Error {}

const parsers = new WeakMap<object, Parse | null>();

/**
 * The fast parser of a schema: the same output as `schema.parse(value)` for a value it accepts, and
 * {@link REJECTED} otherwise. Undefined when the schema uses something this does not know.
 */
export function fastParser<T>(schema: z.ZodType<T>): ((value: unknown) => T | typeof REJECTED) | undefined {
  let parse = parsers.get(schema);
  if (parse === undefined) {
    try {
      parse = build(schema as unknown as Schema);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      parse = null;
    }
    parsers.set(schema, parse);
  }
  return (parse ?? undefined) as ((value: unknown) => T | typeof REJECTED) | undefined;
}

/** A schema's checks, as zod runs them after its type: a string format is a check on itself. */
function checksOf(schema: Schema): readonly Internals[] {
  const checks = (schema._zod.def.checks ?? []).map((check) => check._zod);
  return schema._zod.traits.has('$ZodCheck') ? [schema._zod, ...checks] : checks;
}

function build(schema: Schema): Parse {
  const { def } = schema._zod;
  if (def.coerce) throw new Unsupported(`coercing ${def.type}`);
  const parse = buildType(schema);
  const checks = checksOf(schema);
  if (checks.length === 0) return parse;
  for (const check of checks) if (typeof check.check !== 'function') throw new Unsupported('a check without a body');
  return (value) => {
    const parsed = parse(value);
    if (parsed === REJECTED) return REJECTED;
    const payload: Payload = { value: parsed, issues: [] };
    for (const check of checks) {
      if (check.def.when && !check.def.when(payload)) continue;
      const done = (check.check as (payload: Payload) => unknown)(payload);
      if (done instanceof Promise || payload.issues.length > 0) return REJECTED;
    }
    return payload.value;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object as JSON.parse makes it, whose keys are its own: zod's plain-object test also looks at a
 * `constructor` key, and `__proto__` is refused before validation, so either is left to zod.
 */
const isPlainData = (value: unknown): value is Record<string, unknown> =>
  isObject(value) &&
  Object.getPrototypeOf(value) === Object.prototype &&
  !Object.hasOwn(value, 'constructor') &&
  !Object.hasOwn(value, '__proto__');

function buildType(schema: Schema): Parse {
  const { def } = schema._zod;
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : REJECTED);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : REJECTED);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : REJECTED);
    case 'null':
      return (value) => (value === null ? null : REJECTED);
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      if (!values) throw new Unsupported(`${def.type} without values`);
      return (value) => (values.has(value) ? value : REJECTED);
    }
    case 'optional': {
      const inner = required(def.innerType);
      if (inner._zod.optin === 'defaulted') throw new Unsupported('an optional default');
      const parse = build(inner);
      return (value) => (value === undefined ? undefined : parse(value));
    }
    case 'default': {
      const parse = build(required(def.innerType));
      return (value) => {
        if (value === undefined) return def.defaultValue;
        const parsed = parse(value);
        return parsed === undefined ? def.defaultValue : parsed;
      };
    }
    case 'array': {
      const element = build(required(def.element));
      return (value) => {
        if (!Array.isArray(value)) return REJECTED;
        const out = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) {
          const parsed = element(value[index]);
          if (parsed === REJECTED) return REJECTED;
          out[index] = parsed;
        }
        return out;
      };
    }
    case 'object':
      return buildObject(def);
    case 'record': {
      const keyType = required(def.keyType);
      if (keyType._zod.values !== undefined || keyType._zod.def.type !== 'string') {
        throw new Unsupported('a record over other keys than strings');
      }
      const key = build(keyType);
      const item = build(required(def.valueType));
      return (value) => {
        if (!isPlainData(value)) return REJECTED;
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(value)) {
          const parsedKey = key(name);
          if (typeof parsedKey !== 'string' || parsedKey === '__proto__') return REJECTED;
          const parsed = item(value[name]);
          if (parsed === REJECTED) return REJECTED;
          out[parsedKey] = parsed;
        }
        return out;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map(build);
      return (value) => {
        for (const option of options) {
          const parsed = option(value);
          if (parsed !== REJECTED) return parsed;
        }
        return REJECTED;
      };
    }
    case 'pipe': {
      const [first, then] = [build(required(def.in)), build(required(def.out))];
      return (value) => {
        const parsed = first(value);
        return parsed === REJECTED ? REJECTED : then(parsed);
      };
    }
    case 'transform': {
      const transform = def.transform;
      if (!transform) throw new Unsupported('a transform without a function');
      return (value) => {
        const payload: Payload = { value, issues: [] };
        const out = transform(value, payload);
        return out instanceof Promise || payload.issues.length > 0 ? REJECTED : out;
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

function required(schema: Schema | undefined): Schema {
  if (!schema) throw new Unsupported('a schema without its part');
  return schema;
}

/**
 * An object: its shape's keys in order, as zod lays out its output; unknown keys refused or dropped.
 * Its code is generated (as zod's own objects are), so that each field is read and written by name:
 * one generic loop over every object's fields would make those accesses megamorphic.
 */
function buildObject(def: Definition): Parse {
  const catchall = def.catchall?._zod.def.type;
  if (catchall !== undefined && catchall !== 'never') throw new Unsupported(`an object with a ${catchall} catchall`);
  const shape = def.shape ?? {};
  const names = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || names.includes('__proto__')) {
    throw new Unsupported('an object with unusual keys');
  }
  const parsers = names.map((name) => build(shape[name] as Schema));
  const lines = ['if (!isObject(value) || Object.hasOwn(value, "__proto__")) return REJECTED;'];
  if (catchall === 'never') {
    const cases = names.map((name) => `case ${JSON.stringify(name)}:`).join(' ');
    lines.push(`for (const key in value) switch (key) { ${cases} break; default: return REJECTED; }`);
  }
  lines.push('const out = {};', 'let parsed;');
  for (const [at, name] of names.entries()) {
    const { optin, optout } = (shape[name] as Schema)._zod;
    const key = JSON.stringify(name);
    lines.push(
      `if (${key} in value) {`,
      `  parsed = parsers[${at}](value[${key}]);`,
      '  if (parsed === REJECTED) return REJECTED;',
    );
    lines.push(`  out[${key}] = parsed;`, '} else {');
    // Absent: an optional field stays absent, a defaulted one takes its default, any other is missing.
    if (optin === undefined) lines.push('  return REJECTED;');
    else if (optin !== 'optional' || optout !== 'optional') {
      lines.push(`  parsed = parsers[${at}](undefined);`);
      lines.push(`  if (parsed === REJECTED) ${optout === 'optional' ? '{}' : 'return REJECTED;'}`);
      const keepUndefined = optin === 'defaulted' && optout !== 'optional';
      lines.push(`  else ${keepUndefined ? '' : 'if (parsed !== undefined) '}out[${key}] = parsed;`);
    }
    lines.push('}');
  }
  lines.push('return out;');
  let make: (...parts: unknown[]) => Parse;
  try {
    make = new Function(
      'parsers',
      'isObject',
      'REJECTED',
      `return (value) => {\n${lines.join('\n')}\n};`,
    ) as typeof make;
  } catch {
    // Code generation is forbidden (--disallow-code-generation-from-strings): zod alone, then.
    throw new Unsupported('an object, where code cannot be generated');
  }
  return make(parsers, isObject, REJECTED);
}
