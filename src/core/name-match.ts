/**
 * Pure rules for telling people apart by name across stories: folding (case, accents, punctuation),
 * name keys without titles, surname forms, trigrams and a bounded edit distance. Every NewsIndex
 * engine stores and compares the keys made here, so SQLite and PostgreSQL agree on who is who.
 */

/** Letters that Unicode decomposition leaves whole but readers type without the mark. */
const LETTER_FOLDS: Record<string, string> = { ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ħ: 'h' };

/** Always dropped from the front of a name: "Mr Putin", "Dr. Ana Cruz". */
const HONORIFICS = new Set('mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr the'.split(' '));
/**
 * Ranks and offices dropped from the front of what people type and of aliases ("President Putin",
 * "former Prime Minister Lee"), but kept in a full name they would shrink to one word ("Duke Ellington").
 */
const ROLE_TITLES = new Set(
  ('father president vice prime minister premier chancellor secretary senator sen rep representative congressman ' +
    'congresswoman gov governor mayor king queen prince princess sheikh emir sultan pope cardinal bishop archbishop rabbi ' +
    'imam judge justice gen general lt col colonel maj major capt captain adm admiral sgt chief ceo chairman chairwoman ' +
    'coach former late acting deputy interim ambassador commissioner mp mep foreign defence defense finance state of ' +
    'attorney speaker duke duchess baron baroness lieutenant sergeant detective inspector superintendent')
    .split(' '),
);
const TRAILING_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * Family names usually written first, so "Lee Jae-myung" is also "Lee" and "Xi Jinping" is "Xi".
 * A short list on purpose: aliases seen in the text are the main source of short forms.
 */
const FAMILY_NAME_FIRST = new Set(
  ('lee li kim park choi jung cho kang yoon yun han shin moon xi wang zhang liu chen yang huang zhao wu zhou hu sun ma zhu ' +
    'guo lin he gao luo deng xu ho ng tan lim goh nguyen tran le pham hoang phan vu dang bui ngo duong ly')
    .split(' '),
);

/** Lower case, no accents or marks, apostrophes dropped, other punctuation as single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łđðøßæœıþħ]/gu, (c) => LETTER_FOLDS[c] ?? c)
    .replace(/['’ʼ`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stripped(name: string, roles: boolean): string {
  const tokens = foldText(name).split(' ').filter(Boolean);
  let start = 0;
  const dropped = (t: string): boolean => HONORIFICS.has(t) || (roles && ROLE_TITLES.has(t));
  while (start < tokens.length - 1 && dropped(tokens[start] ?? '')) start += 1;
  let end = tokens.length;
  while (end - 1 > start && TRAILING_SUFFIXES.has(tokens[end - 1] ?? '')) end -= 1;
  return tokens.slice(start, end).join(' ');
}

/** A typed name or alias, folded, without leading titles or trailing suffixes; a title said alone stays. */
export function nameKey(name: string): string {
  return stripped(name, true);
}

/**
 * A person's full name as extraction gave it: honorifics always go, ranks only when two words are
 * left, so "Duke Ellington" stays whole while "former President Lula da Silva" loses the title.
 */
export function fullNameKey(name: string): string {
  const bare = stripped(name, true);
  return bare.includes(' ') ? bare : stripped(name, false);
}

export function keyTokens(key: string): string[] {
  return key ? key.split(' ') : [];
}

/** The tokens in alphabetical order: "Lee Hsien Loong" and "Hsien Loong Lee" share it. */
export function sortedKey(key: string): string {
  return keyTokens(key).sort().join(' ');
}

/**
 * Single-token keys a person may be called by alone: the last name, a family name written first,
 * and any single-word alias that is one of the name's words (as the text used it).
 */
export function surnameKeys(name: string, aliases: readonly string[] = []): string[] {
  const tokens = keyTokens(fullNameKey(name));
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (tokens.length < 2 || first === undefined || last === undefined) return [];
  const keys = new Set<string>();
  if (last.length > 1) keys.add(last);
  if (FAMILY_NAME_FIRST.has(first)) keys.add(first);
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (key.length > 1 && !key.includes(' ') && tokens.includes(key)) keys.add(key);
  }
  return [...keys];
}

const isInitialOf = (a: string, b: string): boolean => a.length === 1 && b.startsWith(a);
const tokenFits = (a: string, b: string): boolean => a === b || isInitialOf(a, b) || isInitialOf(b, a);

/**
 * Two full names of one person: same last word, compatible first words (equal or an initial), and
 * the shorter name's given words found in order in the longer one ("J. Biden", "Joe R. Biden").
 */
export function compatibleNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2 || a[a.length - 1] !== b[b.length - 1]) return false;
  const [short, long] = a.length <= b.length ? [a.slice(0, -1), b.slice(0, -1)] : [b.slice(0, -1), a.slice(0, -1)];
  if (!tokenFits(short[0] ?? '', long[0] ?? '')) return false;
  let at = 1;
  for (const token of short.slice(1)) {
    while (at < long.length && !tokenFits(token, long[at] ?? '')) at += 1;
    if (at >= long.length) return false;
    at += 1;
  }
  return true;
}

/** Trigrams of each word padded with spaces, so short words and word starts count too. */
export function trigrams(key: string): Set<string> {
  const grams = new Set<string>();
  for (const token of keyTokens(key)) {
    const padded = ` ${token} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment). Stops early and returns
 * `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (!a.length || !b.length) return Math.max(a.length, b.length);
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

/** Edits a typed name of this many characters may carry and still count as a near miss. */
export function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

/**
 * How close a typed (folded) query is to a stored key, 0..1, within the allowed edits; word order
 * does not count against it. 0 when too far.
 */
export function nameSimilarity(query: string, key: string): number {
  const max = allowedEdits(query.length);
  const direct = editDistance(query, key, max);
  const distance = query.includes(' ') ? Math.min(direct, editDistance(sortedKey(query), sortedKey(key), max)) : direct;
  if (distance > max) return 0;
  return 1 - distance / Math.max(query.length, key.length);
}
