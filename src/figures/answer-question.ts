/**
 * Answers a question asked in a story's thread from that story alone: its people and their quotes,
 * its figures, and its bullets. Every answer cites the sentence it comes from. Pure.
 */
import type { Figure, Person, Story } from '../core/types.ts';

export interface StoryFacts {
  story: Pick<Story, 'headline' | 'bullets'>;
  people: readonly Person[];
  figures: readonly Figure[];
}

const STOP = new Set('a an and are as at be by did do does for from how in is it its of on or said say says the their this to was were what when where which who why will with'.split(' '));

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w));
}

/** The person the question names, by full name, alias or any part of the name. */
function namedPerson(question: string, people: readonly Person[]): Person | undefined {
  const asked = new Set(words(question));
  let best: { person: Person; score: number } | undefined;
  for (const person of people) {
    const names = [person.name, ...person.aliases];
    let score = 0;
    for (const name of names) {
      const parts = words(name);
      const hit = parts.filter((p) => asked.has(p)).length;
      if (hit > 0) score = Math.max(score, hit + (hit === parts.length ? 1 : 0));
    }
    if (score > 0 && (!best || score > best.score)) best = { person, score };
  }
  return best?.person;
}

function describe(person: Person): string {
  const role = [person.role, person.organisation].filter(Boolean).join(', ');
  return role ? `${person.name} (${role})` : person.name;
}

function cite(sentence: string): string {
  return `\n> ${sentence.trim()}`;
}

const FIGURE_KINDS: [RegExp, Figure['kind'][]][] = [
  [/\bhow much\b|\bcost|\bprice|\bworth|\bmoney|\bpaid|\bspend|\bbillion|\bmillion/i, ['money']],
  [/\bper ?cent|\bpercentage|\brate\b|%/i, ['percent']],
  [/\bwhen\b|\bwhat (day|date|time)\b|\bdeadline/i, ['date']],
  [/\bhow long\b|\bduration|\bfor how/i, ['duration']],
  [/\bhow many\b|\bnumber of\b|\bcount|\btotal/i, ['number', 'money', 'percent']],
];

/** The reply text. Always something useful: at worst, the story's closest bullet. */
export function answerQuestion(question: string, facts: StoryFacts): string {
  const q = question.trim();
  const person = namedPerson(q, facts.people);
  const asksQuote = /\b(say|said|says|quote|told|think|thinks|react|response|comment)/i.test(q);

  if (person && (asksQuote || person.quotes.length > 0) && !/\bwho\s+(is|was)\b/i.test(q)) {
    const quote = person.quotes[person.quotes.length - 1] ?? person.quotes[0];
    if (quote) return `${describe(person)} said: “${quote.text}”${cite(quote.sentence)}`;
  }
  if (person) return `${describe(person)}${person.quotes.length === 0 ? ' is named in this story but not quoted.' : '.'}`;
  if (/^\s*who\b/i.test(q) && facts.people.length > 0) {
    return `People in this story: ${facts.people.slice(0, 6).map(describe).join('; ')}.`;
  }
  for (const [pattern, kinds] of FIGURE_KINDS) {
    if (!pattern.test(q)) continue;
    const wanted = new Set(words(q));
    const candidates = facts.figures.filter((f) => kinds.includes(f.kind));
    const scored = candidates
      .map((f, i) => ({ f, score: words(f.context).filter((w) => wanted.has(w)).length * 2 - i * 0.01 }))
      .sort((a, b) => b.score - a.score);
    const top = scored[0]?.f;
    if (top) return `${top.value}${top.resolved && top.resolved !== top.value ? ` (${top.resolved})` : ''}${cite(top.context)}`;
  }
  const wanted = new Set(words(q));
  const sentences = [...facts.story.bullets, ...facts.figures.map((f) => f.context), ...facts.people.flatMap((p) => p.quotes.map((x) => x.sentence))];
  const ranked = sentences.map((s) => ({ s, score: words(s).filter((w) => wanted.has(w)).length })).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (best && best.score > 0) return `From the story:${cite(best.s)}`;
  return `I can only answer from this story (“${facts.story.headline}”). Try “what did <name> say?”, “who is <name>?” or “how much?”.`;
}
