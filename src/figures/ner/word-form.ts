/** Per-token forms that every feature template reuses (computed once per token). */
export interface WordForm {
  /** Lowercased, curly quotes straightened, digits as 0. */
  lower: string;
  /** Character classes with runs collapsed: "Xx", "X.X.", "d-d", "x'x". */
  shape: string;
  /** Capitalisation class: i(nitial cap), a(ll caps), l(ower), m(ixed), d(igit), p(unctuation). */
  caps: string;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
  hasLetter: boolean;
}

export function wordForm(text: string): WordForm {
  const lower = text.toLowerCase().replace(/[\u2018\u2019`]/gu, '\'').replace(/[\u201c\u201d]/gu, '"').replace(/[0-9]/gu, '0');
  let shape = '';
  let last = '';
  let upper = 0;
  let lowerCount = 0;
  let digits = 0;
  for (const ch of text) {
    let c: string;
    if (ch >= 'A' && ch <= 'Z') {
      c = 'X';
      upper++;
    } else if (ch >= 'a' && ch <= 'z') {
      c = 'x';
      lowerCount++;
    } else if (ch >= '0' && ch <= '9') {
      c = 'd';
      digits++;
    } else if (ch.toLowerCase() !== ch.toUpperCase()) {
      c = ch === ch.toUpperCase() ? 'X' : 'x';
      if (c === 'X') upper++;
      else lowerCount++;
    } else c = ch === '\u2019' ? '\'' : ch;
    if (c !== last) shape += c;
    last = c;
  }
  const first = text.charAt(0);
  const capitalised = upper > 0 && first !== first.toLowerCase();
  const hasLetter = upper + lowerCount > 0;
  let caps: string;
  if (!hasLetter) caps = digits > 0 ? 'd' : 'p';
  else if (lowerCount === 0) caps = upper > 1 ? 'a' : 'i';
  else if (upper === 0) caps = 'l';
  else if (capitalised && upper === 1) caps = 'i';
  else caps = 'm';
  return { lower, shape, caps, capitalised, hasLetter };
}

/** A sentence in capitals only (headlines, datelines, some sports tables). */
export function isAllCapsSentence(forms: readonly WordForm[]): boolean {
  let upperWords = 0;
  for (const f of forms) {
    if (f.caps === 'l' || f.caps === 'm') return false;
    if (f.caps === 'a') upperWords++;
  }
  return upperWords > 0;
}
