/**
 * Numbers written in words and scale words ("two million", "4.5bn"), parsed to values so figures
 * can be compared and de-duplicated.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, a: 1, an: 1, half: 0.5, dozen: 12,
};

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, b: 1e9,
  trillion: 1e12, tn: 1e12, trn: 1e12, lakh: 1e5, crore: 1e7,
};

/** Regex source for a number written in words, up to ninety-nine (plus "a", "half a"). */
export const WORD_NUMBER = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|half\s+a|a|an)`;

/** Regex source for a number in digits ("1,200", "4.5"). */
export const DIGIT_NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;

export const SCALE_WORD = String.raw`(?:thousand|million|billion|trillion|lakh|crore)`;
export const SCALE_ABBREVIATION = String.raw`(?:bn|mn|mln|tn|trn|m|k|b)`;

/** The numeric value of a digit or word number with an optional scale; NaN when unknown. */
export function parseAmount(text: string): number {
  const lower = text.toLowerCase().replace(/,/gu, '').trim();
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)?/u.exec(lower);
  if (m !== null) {
    const scale = m[2] === undefined ? 1 : SCALES[m[2]] ?? 1;
    return Number(m[1]) * scale;
  }
  let value = 0;
  let current = 0;
  for (const word of lower.split(/[\s-]+/u)) {
    if (word === 'a' || word === 'an') { if (current === 0) current = 1; continue; }
    const unit = UNITS[word];
    const scale = SCALES[word];
    if (unit !== undefined) current = word === 'hundred' ? Math.max(current, 1) * 100 : current + unit;
    else if (scale !== undefined) { value += Math.max(current, 1) * scale; current = 0; }
    else if (word !== 'and' && word !== 'of') break;
  }
  return value + current;
}
