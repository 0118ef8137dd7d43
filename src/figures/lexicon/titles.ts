/**
 * Hand-written word lists for titles: honorifics, role nouns and their modifiers, nationalities.
 * All entries are lower case; callers lower-case and strip a trailing dot before looking up.
 */

export type Gender = 'm' | 'f';

/** Honorifics that stand before a name; the value is the gender they imply, if any. */
export const HONORIFICS: ReadonlyMap<string, Gender | undefined> = new Map<string, Gender | undefined>([
  ['mr', 'm'], ['mister', 'm'], ['sir', 'm'], ['lord', 'm'], ['monsieur', 'm'], ['herr', 'm'], ['sheikh', 'm'],
  ['sheik', 'm'], ['emir', 'm'], ['sultan', 'm'], ['prince', 'm'], ['princess', 'f'], ['king', 'm'], ['queen', 'f'],
  ['mrs', 'f'], ['ms', 'f'], ['miss', 'f'], ['madam', 'f'], ['madame', 'f'], ['dame', 'f'],
  ['lady', 'f'], ['mme', 'f'], ['frau', 'f'],
  ['dr', undefined], ['doctor', undefined], ['prof', undefined], ['rev', undefined], ['hon', undefined],
  ['mx', undefined],
]);

/** Nouns that head a role ("leader", "chief executive", "striker"). */
export const ROLE_HEADS: ReadonlySet<string> = new Set(`
president vice-president leader premier chancellor minister secretary spokesman spokeswoman
spokesperson envoy ambassador diplomat governor mayor senator congressman congresswoman
representative lawmaker legislator mp mep councillor councilor commissioner chair chairman chairwoman
chairperson ceo cfo coo cto founder co-founder owner executive officer director manager head boss chief
president-elect king queen prince princess emperor monarch pope cardinal bishop archbishop imam rabbi
general admiral colonel commander captain lieutenant sergeant marshal judge justice prosecutor attorney
lawyer barrister solicitor advocate counsel adviser advisor aide analyst economist strategist scientist
researcher professor lecturer academic scholar historian expert specialist physician doctor surgeon
nurse engineer designer architect editor journalist reporter correspondent columnist author writer
novelist poet artist actor actress singer musician director producer coach trainer striker midfielder
defender goalkeeper forward winger captain player batsman bowler spinner pitcher quarterback driver rider
cyclist runner sprinter swimmer athlete champion boxer fighter referee umpire chef teacher headteacher
principal dean rector provost student officer inspector superintendent constable detective sheriff
police spokesperson astronaut pilot investor trader banker entrepreneur partner associate fellow
campaigner activist organiser organizer candidate nominee delegate negotiator mediator counterpart
deputy treasurer comptroller auditor regulator administrator official ombudsman president
head-coach manager steward farmer worker resident backbencher frontbencher volunteer
rescuer survivor witness spokesman whip speaker co-author champion titleholder
landlord landlady tenant shopkeeper fly-half scrum-half prop hooker flanker centre full-back fullback
wing keeper goalie outfielder catcher shortstop point-guard guard centre-back left-back right-back
opener all-rounder wicketkeeper
`.split(/\s+/).filter(Boolean));

/** Words that modify a role without heading it ("former", "deputy", "foreign", "press"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(`
former ex acting deputy vice assistant associate senior junior interim then outgoing incoming newly
elected serving longtime long-time veteran retired late chief prime foreign finance defence defense
health interior home justice economy economic trade energy education environment climate transport
culture sports sport labour labor agriculture security intelligence digital technology science
treasury state federal regional national international general managing executive principal
press communications political policy legal medical research technical financial operating technology
marketing sales operations investment investments communication head lead global supreme top
shadow defending reigning minority majority
first opposition party union club team head-of research-and assistant-general attorney-general
secretary-general director-general auditor-general solicitor-general surgeon-general
`.split(/\s+/).filter(Boolean));

/** Nationality adjectives and country abbreviations that read as part of a role ("Chinese President"). */
export const NATIONALITIES: ReadonlySet<string> = new Set(`
american british english scottish welsh irish french german italian spanish portuguese dutch belgian
swiss austrian swedish norwegian danish finnish icelandic polish czech slovak hungarian romanian
bulgarian greek turkish russian ukrainian belarusian georgian armenian azerbaijani kazakh uzbek
chinese japanese korean south-korean north-korean taiwanese vietnamese thai malaysian singaporean
indonesian filipino indian pakistani bangladeshi sri lankan nepali afghan iranian iraqi syrian
lebanese israeli palestinian jordanian saudi emirati qatari kuwaiti omani yemeni egyptian libyan
tunisian algerian moroccan nigerian ghanaian kenyan ethiopian somali sudanese ugandan tanzanian
rwandan congolese angolan zambian zimbabwean mozambican namibian botswanan south-african african
canadian mexican brazilian argentine argentinian chilean peruvian colombian venezuelan ecuadorian
bolivian uruguayan paraguayan cuban haitian jamaican australian kiwi fijian european asian
us u.s. uk u.k. eu un nato serbian croatian bosnian slovenian albanian macedonian montenegrin
estonian latvian lithuanian moldovan mongolian burmese cambodian laotian kyrgyz tajik turkmen
`.split(/\s+/).filter(Boolean));

/** Multi-word titles in which "of" belongs to the role, not to an organisation. */
export const OF_TITLES: readonly RegExp[] = [
  /\bsecretary of (?:state|defen[cs]e|the treasury|health|energy|education|commerce|labor|transportation|agriculture|the interior|homeland security|war)$/iu,
  /\bchancellor of the exchequer$/iu,
  /\bchief of (?:staff|police|the defen[cs]e staff|the general staff)$/iu,
  /\bhead of state$/iu,
  /\bminister (?:of|for) [a-z ]+$/u,
  /\bdirector of (?:football|communications|research|operations|policy)$/iu,
  /\bhead of (?:research|policy|communications|strategy|operations|economics|markets)$/iu,
];

export function isRoleWord(lower: string): boolean {
  return ROLE_HEADS.has(lower) || ROLE_MODIFIERS.has(lower);
}
