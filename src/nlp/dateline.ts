/**
 * Datelines and bylines that wire copy glues to the first word: "(CNN)The", "LONDON, England
 * (CNN) --", "WASHINGTON (Reuters) -", "BEIJING, March 3 (AFP) —", "By . Jane Doe . PUBLISHED:
 * . 12:01 EST, 3 March 2014 . | . UPDATED: ... .".
 */

/** A place ("Washington", "LONDON, England", "Sao Paulo, Brazil", "BEIJING, March 3"). */
const PLACE = String.raw`(?:[A-Z][\p{L}.'’-]*(?:[ ,]{1,3}(?:of |de |la |el )?(?:[A-Z][\p{L}.'’-]*|\d{1,2}))*\s*)?`;
/** An outlet credit in parentheses: "(CNN)", "(The Hollywood Reporter)", "(Reuters)". */
const CREDIT = String.raw`\((?:[A-Z][\p{L}\d.&'’-]*)(?: [A-Z&][\p{L}\d.&'’-]*){0,4}\)`;
const KNOWN_OUTLET = String.raw`\((?:CNN|Reuters|AP|AFP|UPI|Bloomberg|dpa|Xinhua|PA|EFE|ANSA|IANS|PTI|ANI)\)`;

/** The credit counts when a dash follows, when it is glued to the first word, or when the outlet is a known wire. */
const CREDIT_DATELINE = new RegExp(
  String.raw`^\s*${PLACE}(?:${CREDIT}(?:\s*(?:--|—|–|-)\s*|(?=["“‘'\p{Lu}\d]))|${KNOWN_OUTLET}(?:\s*(?:--|—|–|-))?\s*)`,
  'u',
);
/** "LONDON — " or "NEW YORK, March 3 -- ": an upper-case place then a dash. */
const CAPS_DATELINE = new RegExp(String.raw`^\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\p{L}.]+(?: \d{1,2})?)?\s+(?:--|—|–)\s+`, 'u');
/** Daily Mail byline blocks: "By . Name . PUBLISHED: . 12:01 EST, 3 March 2014 . | . UPDATED: ... ." */
const DM_SEGMENT = /^((?!PUBLISHED|UPDATED|Last updated)[^.|]{1,80}?)\s*\.\s*/u;
const DM_STAMP = /^\s*(?:\|\s*\.\s*)?(?:PUBLISHED|UPDATED|Last updated)\s*:?\s*\.?\s*[^.|]{0,80}?\b\d{4}\s*\.\s*/u;
const BYLINE_NAME = /^(?:and|(?:and |for )?[A-Z][\p{L}'’-]*(?: (?:[A-Z][\p{L}'’-]*|and|for|in|of))*)$/u;
/** "By Jane Doe, CNN" on its own line. */
const BYLINE_LINE = /^\s*By [A-Z][\p{L}.'’-]+(?: (?:and |&)?[A-Z][\p{L}.'’-]+){0,5}(?:,? [A-Z][\p{L}]+)?\s*\n/u;

/** "By . Jane Doe . and . John Smith ." segments, up to a time stamp or the first non-name segment. */
function stripDailyMailByline(text: string): string {
  const start = /^\s*By\s*\.\s*/u.exec(text);
  if (start === null) return text;
  let rest = text.slice(start[0].length);
  let names = 0;
  for (let m = DM_SEGMENT.exec(rest); m !== null && names < 4; m = DM_SEGMENT.exec(rest)) {
    if (!BYLINE_NAME.test(m[1]!.trim())) break;
    rest = rest.slice(m[0].length);
    names += 1;
  }
  return names > 0 ? rest : text;
}

/** Remove a leading dateline, outlet credit or byline; the rest of the text is left untouched. */
export function stripDateline(text: string): string {
  let out = text;
  out = stripDailyMailByline(out);
  for (let m = DM_STAMP.exec(out); m !== null; m = DM_STAMP.exec(out)) out = out.slice(m[0].length);
  const byline = BYLINE_LINE.exec(out);
  if (byline !== null) out = out.slice(byline[0].length);
  const credit = CREDIT_DATELINE.exec(out) ?? CAPS_DATELINE.exec(out);
  if (credit !== null && credit[0].length < out.length) out = out.slice(credit[0].length);
  return out.replace(/^\s+/u, '');
}
