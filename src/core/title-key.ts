/**
 * A fingerprint of a headline that survives edits users do not care about: case, punctuation,
 * quotes, dashes and spacing. Used to spot an item re-published under a new guid or date.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
