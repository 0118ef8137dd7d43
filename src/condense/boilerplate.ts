/**
 * Sentences that are page furniture, not news: credits, prompts, promos and stamps. The extract
 * stage drops whole boilerplate lines; these are the ones that survive inside running text.
 */
const PATTERNS: readonly string[] = [
  String.raw`\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b`,
  String.raw`\b(?:click|tap) (?:here|the link|below)\b`,
  String.raw`\b(?:read|see|watch) (?:more|the full|our)\b.*(?:here|below|at\b)`,
  String.raw`\bscroll down\b`,
  String.raw`\b(?:follow|like) (?:us|him|her|them|@\w+|\w+ on (?:twitter|facebook|instagram))\b`,
  String.raw`\bsign(?:ing)? up (?:for|to)\b.*\b(?:newsletter|alerts|updates|emails?)\b`,
  String.raw`\bsubscribe\b`,
  String.raw`\bnewsletter\b`,
  String.raw`\ball rights reserved\b`,
  String.raw`©|\bcopyright\b`,
  String.raw`\b(?:photo|image|picture|video|footage)s?\s*(?:by|credit|courtesy|:)`,
  String.raw`\b(?:getty images|ap photo|reuters/|afp/|epa/)`,
  String.raw`\be-?mail (?:this )?to a friend\b`,
  String.raw`\b(?:share|tweet) (?:this|on)\b`,
  String.raw`\bjoin the (?:conversation|discussion)\b`,
  String.raw`\b\d+ comments?\b|\bcomments? \(\d+\)`,
  String.raw`^(?:editor'?s'? note|advertisement|related|more|watch|video|photos?|gallery|listen|updated|posted|published|story highlights)\b\s*[:|-]`,
  String.raw`\bthe (?:views|opinions) expressed in this (?:commentary|article|column)\b`,
  String.raw`\b(?:was|is) (?:originally )?published (?:by|on|in)\b.*\b(?:and is|with permission)\b`,
  String.raw`\bappears? in (?:the )?print edition\b`,
  String.raw`\bappeared first on\b`,
  String.raw`\bcontinue reading\b`,
  String.raw`\bdon'?t miss\b`,
  String.raw`\bmost (?:popular|read|viewed)\b\s*[:|]`,
  String.raw`\bterms of (?:use|service)\b|\bprivacy policy\b|\bcookies?\b.*\b(?:accept|policy|settings)\b`,
  String.raw`^\s*\d{1,2}:\d{2}(?::\d{2})?\s*$`,
];

/** One alternation: a sentence is scanned once, not once per pattern. */
const BOILERPLATE = new RegExp(PATTERNS.map((p) => `(?:${p})`).join('|'), 'i');

/** True when the sentence reads as boilerplate rather than news. */
export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE.test(sentence);
}
