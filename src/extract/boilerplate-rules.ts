/**
 * Line rules for the boilerplate filter. Each rule looks at one trimmed line on its own and says
 * whether the whole line is boilerplate. Rules are written for news pages and feeds in general:
 * most anchor at the start of the line or need the whole line to match, and the looser ones only
 * apply to short lines, so real sentences that mention photos, sharing or subscribers survive.
 */

export type BoilerplateKind =
  | 'ad' | 'caption' | 'video' | 'related' | 'newsletter' | 'paywall' | 'share' | 'print-edition'
  | 'comments' | 'click-here' | 'cookies' | 'follow' | 'copyright' | 'byline' | 'dateline' | 'nav' | 'feed-footer'
  | 'credits' | 'contact' | 'promo' | 'reader-prompt';

interface LineRule {
  kind: BoilerplateKind;
  /** Longest line (in words) the rule applies to. */
  maxWords: number;
  re: RegExp;
  /**
   * For rules that can match anywhere in a line: lower-case text one of which every match
   * contains. Lines without any skip the regex (most lines of an article, so the filter stays
   * cheap on the feed text of every new item).
   */
  needs?: readonly string[];
}

const AGENCIES =
  '(?:getty images|afp|reuters|ap|ap photo|associated press|epa|epa-efe|shutterstock|alamy|istock(?:photo)?|' +
  'pa(?: images| wire| media)?|bloomberg|anadolu(?: agency)?|xinhua|sipa|rex|rex features|dpa|ansa|nurphoto|' +
  'sopa images|imagn|usa today sports|the washington post|the new york times|nyt|cnn|bbc)';

const SHARE_WORDS =
  '(?:share|shares|sharing|tweet|email|e-mail|mail|print|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|' +
  'messenger|telegram|flipboard|copy|link|copied|comment|comments|save|saved|gift|bookmark|on|via|this|the|article|' +
  'story|post|page|url|sms|more|options|close|\\d+)';

const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|' +
  'oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const NAME = "\\p{Lu}[\\p{L}'’.-]*";
const FULL_NAME = `${NAME}(?:\\s+${NAME}){0,3}`;

export const LINE_RULES: readonly LineRule[] = [
  { kind: 'ad', maxWords: 6, re: /^[([]?(?:advertisement|advertising|ad|ads|sponsored(?: content| post| links?)?|paid (?:post|content|partner content)|promoted(?: content| stories)?|skip advert(?:isement)?|anzeige|publicité|publicidad|pubblicità|реклама|광고|広告|werbung|iklan|reklame|reklama|annonse|annons|mainos)[)\]]?[\s.:-]*$/iu },
  { kind: 'ad', maxWords: 10, re: /^(?:story|article|content) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?\.?$|^scroll (?:down )?to continue(?: with content| reading)?\.?$|^advertisement\s*[-–—:]\s*scroll to continue$/i },
  { kind: 'caption', maxWords: 60, re: /^(?:image|media|video|photo) (?:caption|copyright|source)\b/i },
  { kind: 'caption', maxWords: 40, re: /^(?:photo|photos|photograph|image|picture|pic|illustration|graphic|file photo|photo credit|image credit|credit|credits|photo illustration)\s*[:|]/i },
  { kind: 'caption', maxWords: 60, re: /(?:^|[.!?”"]\s+)(?:photograph|photo|image|illustration|composite|picture)\s*:\s*[^.:]{1,80}$/i, needs: [':'] },
  { kind: 'caption', maxWords: 16, re: /^\(?(?:photo|image|picture|photograph|video|credit|file)\b[^()]{0,120}\)$/i },
  { kind: 'caption', maxWords: 80, re: /\((?:image|photo|photograph|picture|credit|illustration|video)s?(?: credit)?\s*:[^()]{1,120}\)\.?$/i, needs: ['('] },
  { kind: 'caption', maxWords: 60, re: /(?:^|[.!?”"]\s+)(?:photograph|photography|photo|photos|image|illustration|video|graphic)s? (?:by|courtesy of|via)\s+\p{Lu}[^.]{0,80}$/u, needs: ['photo', 'image', 'illustration', 'video', 'graphic'] },
  { kind: 'caption', maxWords: 16, re: new RegExp(`^\\(?(?:(?:photo|photograph|image|picture)(?: by| credit)?:?\\s*)?[^()]{0,80}/\\s*${AGENCIES}(?:\\s+via\\s+[^()]{1,40})?\\)?\\.?$`, 'i'), needs: ['/'] },
  { kind: 'caption', maxWords: 6, re: new RegExp(`^\\(?${AGENCIES}(?:\\s*(?:/|via)\\s*${AGENCIES})*\\)?\\.?$`, 'i') },
  { kind: 'caption', maxWords: 14, re: new RegExp(`^[^|]{1,60}(?:\\s\\|\\s[^|]{1,60}){0,2}\\s\\|\\s${AGENCIES}$`, 'i'), needs: ['|'] },
  { kind: 'caption', maxWords: 10, re: /^(?:courtesy(?: of)?\s+[^.]{1,60}|(?:show|hide|toggle|view) caption|enlarge this image|image \d+ of \d+|\d+\s*(?:\/|of)\s*\d+|(?:open|view|launch) (?:the )?(?:gallery|slideshow)|gallery|photos?|image)\.?$/i },
  { kind: 'video', maxWords: 4, re: /^(?:video\s+)?(?:duration\s*:?\s*)?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*(?:min|mins|minutes))?$/i },
  { kind: 'video', maxWords: 20, re: /^(?:watch|video|listen|watch now|watch live|now playing|up next|play video|replay)\s*[:|–—-]|^(?:watch(?: the)? video|play video|now playing|up next|replay|video|watch|listen to this article|listen(?: now)?|\d+\s*min(?:ute)?s?(?: read| listen)?|reading time:?.*)\.?$/i },
  { kind: 'video', maxWords: 25, re: /^(?:listen|watch|tune in)\b.{0,80}\b(?:live (?:at|on|from)|here\.?$|on demand|podcast|on (?:bbc|iplayer|youtube|sounds|spotify|apple podcasts))/i },
  { kind: 'related', maxWords: 8, re: /^(?:related(?: articles?| stories| coverage| content| links| news| posts| topics| reading)?|read more|read also|also read|see also|more on this(?: story| topic)?|more from [\p{L} ]{1,40}|more stories|more news|recommended(?: for you| stories| reading)?|you (?:may|might) also like|don['’]t miss|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories|headlines)|further reading|editor['’]s picks?|what to read next|read next|keep reading|continue reading|read the full (?:story|article)|in other news|around the web|from our partners|explore more|more coverage)\s*[:.…»>|-]*$/iu },
  { kind: 'related', maxWords: 30, re: /^(?:related|read more|read also|also read|see also|more|more on this|recommended|read next|related coverage|further reading|must read|also on [\p{L} ]{1,30})\s*[:|»>]\s*\S/iu },
  { kind: 'related', maxWords: 6, re: /^more (?:great |top |latest )?[\p{L}'’ ]{0,30} (?:stories|news|articles|coverage|videos|reads)$/iu },
  { kind: 'related', maxWords: 60, re: /\[(?:insight|video|videos|pics|pictures|photos|latest|reveal|revealed|analysis|live|poll|gallery|watch|listen|read more|more|comment|explained|update)\]/i, needs: ['['] },
  { kind: 'promo', maxWords: 40, re: /^\p{Extended_Pictographic}/u },
  { kind: 'promo', maxWords: 30, re: /\b(?:download|get|install) (?:the|our) (?:[\p{L}.]+ ){0,4}apps?\b|^(?:open|continue|read) in (?:the )?app$/iu, needs: ['app'] },
  { kind: 'newsletter', maxWords: 45, re: /\bnewsletters?\b.*\b(?:sign up|sign-up|signup|subscribe|inbox|e-?mail address|delivered|receive our|join our|register)\b|\b(?:sign up|sign-up|signup|subscribe|register)\b.*\bnewsletters?\b/i, needs: ['newsletter'] },
  { kind: 'newsletter', maxWords: 40, re: /^(?:sign up|sign-up|signup|subscribe|register)\b(?: (?:now|today|here|for|to))?|^(?:get|receive) (?:our|the) .{0,60}(?:in your inbox|newsletter|email)/i },
  { kind: 'paywall', maxWords: 45, re: /^(?=.*\b(?:you|your)\b)(?=.*\bsubscri(?:be|ber|bers|ption)s?\b)(?=.*\b(?:log in|login|sign in|already|immediate access|full (?:story|article)|to continue|to read|offer|trial|unlimited|support (?:our|local|quality) journalism|please|digital access)\b)|^(?:already a subscriber|first-time subscribers|to (?:view|read|continue reading) (?:the full|this)|unlock (?:this|the full)|this (?:article|story|content) is (?:for|available to|only available to|exclusive to) (?:subscribers|members)|(?:log|sign) in to (?:continue|read)|create a free account|you have reached your (?:limit|free))/i },
  { kind: 'share', maxWords: 14, re: new RegExp(`^${SHARE_WORDS}(?:[\\s,|•·/:]+${SHARE_WORDS})*[\\s,|•·/:]*$`, 'i') },
  { kind: 'share', maxWords: 10, re: /^(?:share (?:this|the) (?:article|story|post|page|video)|share (?:on|via) \w+|click to share|copy (?:article )?link|gift (?:this )?article)\b/i },
  { kind: 'print-edition', maxWords: 60, re: /^(?:this article appeared in the .{1,80} (?:print )?edition|a version of this (?:article|story|review|essay) (?:appears|appeared) in print|this (?:article|story) (?:was|has been) (?:originally |first )?(?:published|posted) (?:on|by|in|at))/i },
  { kind: 'comments', maxWords: 6, re: /^(?:\d[\d,.]*k?\s+(?:comments?|replies|reactions)|comments?\s*[([]?\d+[)\]]?|[([]\d+[)\]]\s*comments?|(?:view|show|see|read)(?: all)?(?: \d+)? comments?|join the (?:conversation|discussion|debate)|leave a (?:comment|reply)|add (?:a|your) comment|post a comment|comments?|discussion|\d+\s+repl(?:y|ies))\.?$/i },
  { kind: 'click-here', maxWords: 35, re: /^(?:click|tap) here\b/i },
  { kind: 'cookies', maxWords: 70, re: /\bcookies?\b.*\b(?:we use|this (?:site|website) uses|accept|consent|privacy policy|by continuing|manage (?:your )?preferences|browsing experience)\b|\b(?:we use|this (?:site|website) uses)\b.*\bcookies?\b/i, needs: ['cookie'] },
  { kind: 'follow', maxWords: 25, re: /^(?:follow (?:us|[\p{L}.]+(?: [\p{L}.]+){0,3})|(?:like|find) us) on (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube|google news|mastodon)\b|^follow (?:@\w+|us)\b/iu },
  { kind: 'copyright', maxWords: 40, re: /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b|^this material may not be (?:published|broadcast)/i, needs: ['©', '(c)', 'copyright', 'all rights reserved', 'this material'] },
  { kind: 'byline', maxWords: 12, re: new RegExp(`^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or)\\s+(?:${FULL_NAME})(?:(?:\\s*[,&]\\s*|\\s+and\\s+)${FULL_NAME})*(?:\\s*(?:,|\\||–|—|-|for)\\s*(?:${FULL_NAME}|(?:staff|senior|chief|contributing|special)? ?(?:writer|reporter|correspondent|editor|contributor)s?))?(?:\\s*\\|.*)?$`, 'u') },
  { kind: 'byline', maxWords: 22, re: new RegExp(`^(?:[Bb]y|BY)\\s+${FULL_NAME}(?:(?:\\s*[,&]\\s*|\\s+and\\s+)${FULL_NAME})*\\s*,?\\s+(?:on|at|updated|published|posted|\\||-|–|—)\\s.*\\d.*$`, 'u') },
  { kind: 'dateline', maxWords: 14, re: new RegExp(`^(?:(?:published|updated|last updated|posted|first published|modified)(?: on| at)?:?\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})(?:,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[a-z]{2,4})?)?\\.?$`, 'i') },
  { kind: 'dateline', maxWords: 16, re: new RegExp(`^(?:published|updated|last updated|posted|first published)(?: on| at)?:?\\s+(?:\\d|${MONTHS}\\s|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b|yesterday|today)(?:[^.]|\\.(?=\\s*\\d)|(?<=\\b[a-z]{3})\\.(?!\\s*\\d))*$`, 'i') },
  { kind: 'dateline', maxWords: 12, re: /^(?:posted|published|written|filed)\b.{0,60}\d.{0,40}\bby\s+\S.{0,40}$/i },
  { kind: 'nav', maxWords: 5, re: /^(?:skip to (?:main )?content|skip to navigation|back to top|next article|previous article|next story|previous story|home|menu|search|close|loading\.*|print this page|open in app|download the app|story highlights|sections|topics|order reprints|reprints|text size|font size|print article|save article|gift article|listen to article|share article|translate|expand|collapse|see all|view all|show more|load more|more)\.?$/i },
  { kind: 'nav', maxWords: 25, re: /\b(?:enable javascript|javascript (?:is )?(?:disabled|required)|your browser does not support)\b/i, needs: ['javascript', 'browser'] },
  { kind: 'credits', maxWords: 60, re: /^[([]?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b.*$/i },
  { kind: 'credits', maxWords: 50, re: /\bcontributed (?:reporting|research|to (?:this|the) (?:report|story|article))(?: (?:from|in) [\p{L} ,.]{1,60})?[.)]?$/iu, needs: ['contributed'] },
  { kind: 'contact', maxWords: 16, re: /^(?:write to|contact|email|e-mail|reach|send|tips?:?)\b.*\s[\w.+-]+@[\w-]+\.[\w.]+\.?$/i },
  { kind: 'reader-prompt', maxWords: 40, re: /^(?:we want to hear what you think|submit (?:a|your) letter|tell us what you think|(?:have|got) a (?:news |story )?tip|send us (?:a|your) (?:letter|tip|story)|what do you think\? let us know|let us know (?:what you think|in the comments))/i },
  { kind: 'nav', maxWords: 20, re: /^(?:filed under|tags?|tagged(?: with)?|topics?|categories|category|more about|see more on)\s*:/i },
  { kind: 'copyright', maxWords: 60, re: /^citation:.*\bretrieved\b|^this document is subject to copyright/i },
  { kind: 'feed-footer', maxWords: 60, re: /^the post .{1,200} appeared first on .{1,100}$/i },
  { kind: 'feed-footer', maxWords: 12, re: /^our standards:|^the thomson reuters trust principles/i },
];

/** Bullets and bars that menus and share strips leave at the start of a line. */
const LEADING_SEPARATORS_RE = /^[\s|•·►▶»›>/\\*-]+/;

/** Which rule, if any, marks this trimmed line as boilerplate. */
export function lineBoilerplateKind(line: string): BoilerplateKind | undefined {
  const bare = line.replace(LEADING_SEPARATORS_RE, '');
  if (bare === '') return 'nav';
  const words = bare.split(/\s+/).length;
  let lower: string | undefined;
  for (const rule of LINE_RULES) {
    if (words > rule.maxWords) continue;
    if (rule.needs) {
      lower ??= bare.toLowerCase();
      if (!rule.needs.some((needle) => lower!.includes(needle))) continue;
    }
    if (rule.re.test(bare)) return rule.kind;
  }
  return undefined;
}
