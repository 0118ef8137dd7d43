/**
 * The patterns that find figures in one sentence: money, percentages, dates, durations, ordinals
 * and significant numbers. Each match carries its kind, surface value and, where it applies, a
 * numeric amount (for ranking and de-duplication) and a resolved ISO date.
 */
import type { Figure } from '../core/types.ts';
import { DIGIT_NUMBER, SCALE_ABBREVIATION, SCALE_WORD, WORD_NUMBER, parseAmount } from './number-words.ts';
import { clauseTense, monthIndex, resolveDayMonth, resolveMonth, resolveRelative, resolveWeekday } from './resolve-date.ts';

export interface RawFigure {
  kind: Figure['kind'];
  value: string;
  start: number;
  end: number;
  amount?: number;
  /** Currency or unit, for de-duplication ("USD", "year"). */
  unit?: string;
  resolved?: string;
  /** Finer class used in ranking: 'scaled', 'age', 'weekday', 'year', 'full-date', ... */
  detail?: string;
}

const DAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;
const MONTH_FULL = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December)`;
const MONTH = String.raw`(?:${MONTH_FULL}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|NZ\$|HK\$|S\$|R\$|\$|£|€|¥|₹|₩|₽|(?:USD|EUR|GBP|JPY|CNY|CHF|INR|AUD|CAD)\s?)`;
const CURRENCY_WORD = String.raw`(?:(?:US|Hong\s+Kong|Australian|Canadian|Singapore|New\s+Zealand)\s+)?(?:dollars|pounds(?:\s+sterling)?|euros?|yen|yuan|renminbi|rupees|roubles|rubles|francs|pesos|won|lira|rand|naira|shillings|cents|pence)`;
const WORD_NUMBER_COUNT = WORD_NUMBER.replace(/\|half\\s\+a\|a\|an\)$/u, ')');
const ORDINAL_WORD = String.raw`(?:(?:twenty|thirty|forty|fifty)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth|thousandth)`;
const NOT_AFTER_DIGIT = String.raw`(?<![\p{L}\d.,:/$£€¥₹-])`;
const NOT_BEFORE_DIGIT = String.raw`(?![\d]|[.,:]\d)`;

const CURRENCY_CODES: [RegExp, string][] = [
  [/US\$|\$|USD|dollars|cents/u, 'USD'], [/£|GBP|pounds|pence/u, 'GBP'], [/€|EUR|euros?/u, 'EUR'],
  [/¥|JPY|yen/u, 'JPY'], [/CNY|yuan|renminbi/u, 'CNY'], [/₹|INR|rupees/u, 'INR'], [/₽|roubles|rubles/u, 'RUB'],
];

function currencyOf(text: string): string {
  const specific = /^(A|C|NZ|HK|S|R)\$/u.exec(text);
  if (specific !== null) return `${specific[1]}$`;
  return CURRENCY_CODES.find(([re]) => re.test(text))?.[1] ?? 'XXX';
}

/** Nouns after a year-like number that make it a count, not a year ("2000 people"). */
const COUNT_NOUNS = /^\s+(?:(?:more|fewer|new|extra|additional|other)\s+)?(?:people|persons|troops|soldiers|jobs|homes|houses|cases|deaths|votes|workers|students|children|residents|passengers|employees|staff|members|fans|protesters|refugees|migrants|patients|units|cars|vehicles|flights|tonnes|tons|barrels|metres|meters|kilometres|kilometers|miles|feet|acres|hectares|points|runs|goals|words|pages|copies|shares|signatures|businesses|companies|firms|schools|beds|households|families|customers|users|visitors|delegates|candidates|officers|police|troops|animals|trees|calories|steps|km|kg|mph)\b/u;

interface Ctx { sentence: string; offset: number; published: Date | undefined }

type Builder = (m: RegExpMatchArray, ctx: Ctx) => Omit<RawFigure, 'start' | 'end'> | undefined;

function tenseAt(ctx: Ctx, m: RegExpMatchArray) {
  const at = m.index ?? 0;
  return clauseTense(ctx.sentence.slice(0, at + m[0].length), ctx.sentence.slice(at + m[0].length));
}

const PATTERNS: [RegExp, Builder][] = [
  [new RegExp(String.raw`${CURRENCY_SYMBOL}\s?${DIGIT_NUMBER}(?:\s?(?:${SCALE_WORD}|${SCALE_ABBREVIATION})\b)?`, 'gu'),
    (m) => ({ kind: 'money', value: m[0], amount: parseAmount(m[0].replace(/^\D+/u, '')), unit: currencyOf(m[0]) })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}(?:${DIGIT_NUMBER}(?:\s?(?:${SCALE_WORD}|bn|mn|tn))?|\b${WORD_NUMBER}\s+${SCALE_WORD})\s+${CURRENCY_WORD}\b`, 'giu'),
    (m) => ({ kind: 'money', value: m[0], amount: parseAmount(m[0]), unit: currencyOf(m[0]) })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}\d+(?:\.\d+)?p\b`, 'gu'),
    (m) => ({ kind: 'money', value: m[0], amount: parseFloat(m[0]) / 100, unit: 'GBP' })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}(?:${DIGIT_NUMBER}|\b${WORD_NUMBER})\s?(?:%|per\s?cent\b|percent\b|percentage\s+points?\b|basis\s+points?\b)`, 'giu'),
    (m) => ({ kind: 'percent', value: m[0], amount: parseAmount(m[0]), unit: /point/iu.test(m[0]) ? 'points' : '%' })],
  [new RegExp(String.raw`\b(?:${DAY},?\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH})(?:,?\s+(${YEAR}))?\b`, 'gu'),
    (m, ctx) => dayMonth(Number(m[1]), m[2] ?? '', m[3], ctx, m, m[0].replace(/^the\s+/u, ''))],
  [new RegExp(String.raw`\b(?:${DAY},?\s+)?(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(${YEAR}))?`, 'gu'),
    (m, ctx) => dayMonth(Number(m[2]), m[1] ?? '', m[3], ctx, m, m[0])],
  [new RegExp(String.raw`\b(?:(?:early|mid|late)[\s-]+)?(${MONTH_FULL})\s+(${YEAR})\b`, 'gu'),
    (m) => ({ kind: 'date', value: m[0], resolved: resolveMonth(monthIndex(m[1] ?? ''), Number(m[2]), undefined, 'unknown'), detail: 'month' })],
  [new RegExp(String.raw`(?<=\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)(${MONTH_FULL})\b(?!\s+\d)`, 'gu'),
    (m, ctx) => ({ kind: 'date', value: m[0], resolved: resolveMonth(monthIndex(m[1] ?? ''), undefined, ctx.published, tenseAt(ctx, m)), detail: 'month' })],
  [new RegExp(String.raw`\b(?:(last|next|this)\s+)?(${DAY})\b`, 'gu'),
    (m, ctx) => ({ kind: 'date', value: m[0], detail: 'weekday',
      resolved: ctx.published === undefined ? undefined : resolveWeekday(m[2] ?? '', m[1], ctx.published, tenseAt(ctx, m)) })],
  [new RegExp(String.raw`\b(?:(?:early|mid|late)[\s-]+)?(${YEAR})(?!\d)`, 'gu'),
    (m, ctx) => {
      const after = ctx.sentence.slice((m.index ?? 0) + m[0].length);
      const before = ctx.sentence.slice(0, m.index ?? 0);
      if (/[\d.,$£€-]$/u.test(before) || /^(?:\s?%|\s?(?:bn|m\b|million|billion))/u.test(after)) return undefined;
      if (COUNT_NOUNS.test(after)) return undefined;
      if (/^s\b/u.test(after)) return undefined;
      return { kind: 'date', value: m[0], resolved: m[1], detail: 'year' };
    }],
  [new RegExp(String.raw`\b(?:(?:early|mid|late)[\s-]+)?(?:the\s+)?(?:19|20)\d0s\b`, 'gu'),
    (m) => ({ kind: 'date', value: m[0].replace(/^the\s+/u, ''), detail: 'year' })],
  [/\b(?:yesterday|tomorrow|(?:last|next)\s+(?:week|month|year))\b/giu,
    (m, ctx) => ({ kind: 'date', value: m[0], detail: 'relative', resolved: ctx.published === undefined ? undefined : resolveRelative(m[0], ctx.published) })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}(\d{1,3})-year-old\b`, 'gu'),
    (m) => ({ kind: 'number', value: m[0], amount: Number(m[1]), unit: 'age', detail: 'age' })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}(?:${DIGIT_NUMBER}|\b${WORD_NUMBER_COUNT})[\s-](?:and[\s-]a[\s-]half[\s-])?(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century)(?:-long)?\b(?!-old)`, 'giu'),
    (m) => ({ kind: 'duration', value: m[0], amount: parseAmount(m[0]), unit: (m[1] ?? '').toLowerCase().replace(/s$/u, '').replace(/ie$/u, 'y') })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}\d+(?:st|nd|rd|th)\b`, 'gu'),
    (m) => ({ kind: 'ordinal', value: m[0], amount: parseInt(m[0], 10) })],
  [new RegExp(String.raw`(?<=\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]|[Aa]n|for\s+the)\s+)${ORDINAL_WORD}\b`, 'gu'),
    (m) => ({ kind: 'ordinal', value: m[0], detail: /^first$/iu.test(m[0]) ? 'first' : undefined })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}(?:${DIGIT_NUMBER}\s?(?:${SCALE_WORD}\b|(?:bn|mn|tn)\b)|\b${WORD_NUMBER}\s+${SCALE_WORD}\b)`, 'giu'),
    (m) => ({ kind: 'number', value: m[0], amount: parseAmount(m[0]), detail: 'scaled' })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}\d{1,2}-\d{1,2}\b(?!-)`, 'gu'),
    (m) => ({ kind: 'number', value: m[0], detail: 'score' })],
  [new RegExp(String.raw`${NOT_AFTER_DIGIT}${DIGIT_NUMBER}${NOT_BEFORE_DIGIT}`, 'gu'),
    (m) => {
      const amount = parseAmount(m[0]);
      if (!(amount >= 10 || m[0].includes('.'))) return undefined;
      return { kind: 'number', value: m[0], amount };
    }],
];

function dayMonth(day: number, month: string, year: string | undefined, ctx: Ctx, m: RegExpMatchArray, value: string): Omit<RawFigure, 'start' | 'end'> | undefined {
  if (day < 1 || day > 31) return undefined;
  const resolved = resolveDayMonth(day, monthIndex(month), year === undefined ? undefined : Number(year), ctx.published, tenseAt(ctx, m));
  return { kind: 'date', value, resolved, detail: 'full-date' };
}

/** Clock times, video timestamps and counters that are never figures. */
const TIME_ZONE = String.raw`(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|CET|ET|EST|EDT|PT|local time)`;
const BLOCKED = new RegExp([
  String.raw`\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?${TIME_ZONE}\b)?`,
  String.raw`\b\d{1,2}\.\d{2}\s?${TIME_ZONE}(?!\w)`,
  String.raw`\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)`,
  String.raw`\b\d[\d,]*\s+(?:comments?|shares?|replies|views|likes|retweets|reactions|min(?:ute)?s?\s+read)\b`,
  String.raw`\+?\d[\d\s-]{8,}\d`,
].join('|'), 'giu');

/** Every figure in one sentence, overlaps not yet resolved. */
export function matchFigures(sentence: string, offset: number, published: Date | undefined): RawFigure[] {
  const ctx: Ctx = { sentence, offset, published };
  const blocked = [...sentence.matchAll(BLOCKED)].map((b) => [b.index, b.index + b[0].length] as const);
  const out: RawFigure[] = [];
  for (const [re, build] of PATTERNS) {
    for (const m of sentence.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (blocked.some(([s, e]) => start < e && s < end)) continue;
      const built = build(m, ctx);
      if (built === undefined) continue;
      const figure: RawFigure = { ...built, start: offset + start, end: offset + end };
      if (figure.resolved === undefined) delete figure.resolved;
      out.push(figure);
    }
  }
  return out;
}
