import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being answered, for log lines written anywhere beneath it (Yoga's logger included). */
const current = new AsyncLocalStorage<string>();

/** Runs `work` as part of the request `id`: every log line it writes names the request. */
export const withRequestId = <T>(id: string, work: () => T): T => current.run(id, work);

/** An error, or anything else, on one line: its stack (or message) with line breaks folded. */
export function oneLine(value: unknown): string {
  const text =
    value instanceof Error
      ? (value.stack ?? `${value.name}: ${value.message}`)
      : typeof value === 'string'
        ? value
        : String(value);
  return text.replace(/\s*\n\s*/g, ' | ');
}

/**
 * Logs an unexpected error on one line that names the request it happened in, so that the masked
 * 500 a client saw (which names the same id) leads to it.
 */
export function logError(...parts: unknown[]): void {
  const id = current.getStore();
  console.error(`${id === undefined ? '' : `request ${id}: `}${parts.map(oneLine).join(' ')}`);
}

/** Yoga's logger: errors as one line with the request id; the rest as Yoga would, without debug noise. */
export const yogaLogger = {
  debug: () => {},
  info: () => {},
  warn: (...parts: unknown[]) => logError(...parts),
  error: (...parts: unknown[]) => logError(...parts),
};
