/**
 * Compares display strings the same way everywhere. One collator serves every comparison:
 * `String.prototype.localeCompare` builds one per call, which dominates sorting large collections.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator('en').compare;
