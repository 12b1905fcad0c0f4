import { setFlagsFromString } from 'node:v8';

/**
 * V8's side-effect-free JSON.stringify (https://v8.dev/blog/json-stringify), switched on for the
 * whole process when this module is first imported: a GraphQL answer of plain objects and strings
 * serialises in about a third of the time (the 2.8 kB claims-heavy athlete page: 7.7 → 2.7 µs of CPU).
 * V8 turned it on by default in 13.8; Node 24's V8 (13.6) has it behind this flag, one of those
 * `--future` turns on, and JSON.stringify reads it on every call, so it takes effect whenever it is set.
 * It writes the same bytes (tests/fast-json.test.ts compares answers and awkward values with a process
 * without it) and leaves anything with side effects (toJSON, getters, proxies, a replacer or an
 * indentation) to the full algorithm. It serialises deep nesting without recursion, so a structure
 * nested deeper than the stack no longer throws; answers are bounded in depth long before that.
 */
const [major, minor = 0] = process.versions.v8.split('.').map(Number);
// Older engines do not know the flag (and would say so on stderr); from 13.8 on it is the default.
if (major === 13 && (minor === 6 || minor === 7)) setFlagsFromString('--json-stringify-fast-path');
