/**
 * Checks on parsed JSON that `JSON.parse` does not make: it keeps the last of two equal keys without a
 * word, and makes `__proto__` an own property that any later `Object.assign` or `obj[key] = …` turns
 * into a prototype. Data files are refused for either, and for nesting no record needs.
 */

/** Deeper than any record needs (a citation inside a claim inside a fact is six levels down). */
export const MAX_JSON_DEPTH = 32;

export interface StrictJsonProblem {
  readonly code: 'DUPLICATE_JSON_KEY' | 'RESERVED_KEY' | 'INVALID_RECORD';
  /** Where in the value: keys and array indices, down to the offending key. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];

/**
 * Every problem of `value`, which `JSON.parse(text)` returned. Linear in the text, and cheap when
 * nothing is wrong: paths are built only for a problem, and repeated keys are looked for (with a
 * full scan of the text) only when the text has more object members than the parsed value kept.
 */
export function strictJsonProblems(text: string, value: unknown): StrictJsonProblem[] {
  const walked = walk(value);
  const problems = walked.suspect ? locate(value) : [];
  if (memberCount(text) === walked.members) return problems;
  return [...problems, ...duplicateKeys(text)];
}

/**
 * Counts the object members of a parsed value, and says whether it has a `__proto__` key or deep
 * nesting. Recursive, but never deeper than {@link MAX_JSON_DEPTH}: below it nothing is visited.
 */
function walk(root: unknown): { members: number; suspect: boolean } {
  const members = membersOf(root, 0);
  // What lies below the depth limit was not counted (NaN): the text's count is compared only when none is.
  return { members, suspect: Number.isNaN(members) };
}

/** The object members in a value, or NaN when it holds a `__proto__` key or nesting past the limit. */
function membersOf(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth > MAX_JSON_DEPTH) return Number.NaN;
  let members = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'object' && item !== null) members += membersOf(item, depth + 1);
    }
    return members;
  }
  if (Object.hasOwn(value, '__proto__')) return Number.NaN;
  for (const key in value) {
    members += 1;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) members += membersOf(item, depth + 1);
  }
  return members;
}

/** Every `__proto__` key and every nesting deeper than the limit, with its path. */
function locate(root: unknown): StrictJsonProblem[] {
  const problems: StrictJsonProblem[] = [];
  const stack: { value: unknown; path: Path }[] = [{ value: root, path: [] }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, path } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > MAX_JSON_DEPTH) {
      problems.push({ code: 'INVALID_RECORD', path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) {
      problems.push({
        code: 'RESERVED_KEY',
        path: [...path, '__proto__'],
        message: '"__proto__" is not allowed as a key',
      });
    }
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index] as [string, unknown];
      stack.push({ value: item, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return problems;
}

/**
 * The number of object members in valid JSON text: its colons outside strings. Each search is native
 * (`indexOf`), and the next colon is remembered, so the count is linear in the text.
 */
export function memberCount(text: string): number {
  let count = 0;
  let at = 0;
  let colon = text.indexOf(':');
  for (;;) {
    const quote = text.indexOf('"', at);
    const end = quote === -1 ? text.length : quote;
    while (colon !== -1 && colon < end) {
      count += 1;
      colon = text.indexOf(':', colon + 1);
    }
    if (quote === -1) return count;
    let close = text.indexOf('"', quote + 1);
    while (close !== -1 && escaped(text, close)) close = text.indexOf('"', close + 1);
    if (close === -1) return count;
    at = close + 1;
    if (colon !== -1 && colon < at) colon = text.indexOf(':', at);
  }
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes += 1;
  return backslashes % 2 === 1;
}

type Frame = { readonly keys: Set<string>; key: string } | { readonly keys: null; key: number };

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/**
 * Every key that repeats within one object, with its path: a scan of the text (valid JSON, as
 * `JSON.parse` accepted it) for the refusals' messages, without recursion, so any nesting is safe.
 */
function duplicateKeys(text: string): StrictJsonProblem[] {
  const found: StrictJsonProblem[] = [];
  const frames: Frame[] = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      let close = text.indexOf('"', at + 1);
      while (escaped(text, close)) close = text.indexOf('"', close + 1);
      let next = close + 1;
      while (isSpace(text.charCodeAt(next))) next += 1;
      const top = frames.at(-1);
      if (text.charCodeAt(next) === 0x3a && top?.keys) {
        const key = JSON.parse(text.slice(at, close + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) {
          found.push({
            code: 'DUPLICATE_JSON_KEY',
            path: frames.map((frame) => frame.key),
            message: `repeats the key "${key}" in one object; keep one`,
          });
        }
        top.keys.add(key);
      }
      at = close;
    } else if (code === 0x7b) {
      frames.push({ keys: new Set(), key: '' });
    } else if (code === 0x5b) {
      frames.push({ keys: null, key: 0 });
    } else if (code === 0x7d || code === 0x5d) {
      frames.pop();
    } else if (code === 0x2c) {
      const top = frames.at(-1);
      if (top && top.keys === null) top.key += 1;
    }
  }
  return found;
}
