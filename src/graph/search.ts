/**
 * Folds a name for matching: accents, case, hyphens and punctuation do not count, so "Rim Ju-song",
 * "rim ju song" and "RIM JU SONG" are the same, and so are "Rio" and "Río".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
