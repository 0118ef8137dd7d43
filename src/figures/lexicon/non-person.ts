/**
 * Hand-written lists of capitalised words that are not people: calendar words, boilerplate,
 * organisation and place markers, well-known places. Lower case.
 */

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

export const DAYS: ReadonlySet<string> = words('monday tuesday wednesday thursday friday saturday sunday');

export const MONTHS: ReadonlySet<string> = words(`january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec`);

/** Words that come from page furniture, never from a person's name. */
export const BOILERPLATE: ReadonlySet<string> = words(`advertisement advertising sponsored photo photos
image images picture pictures video videos credit credits getty reuters afp ap epa shutterstock
pa bloomberg xinhua tass share comments comment subscribe newsletter sign read more related watch
live updated published copyright reporting editing writing follow click listen audio podcast gallery
caption file handout`);

/** Words that mark an organisation when they occur inside a capitalised run. */
export const ORG_MARKERS: ReadonlySet<string> = words(`inc inc. corp corp. corporation co co. ltd ltd.
plc llc llp group holdings company companies bank banks fund funds trust university college school
institute institution academy ministry department office agency authority commission committee council
parliament congress senate assembly court tribunal party union federation association league club fc
united city rovers athletic wanderers foundation society organisation organization alliance coalition
network networks news times post journal herald gazette telegraph guardian tribune broadcasting
airlines airways motors technologies systems industries energy capital partners ventures labs
pharmaceuticals hospital clinic police army navy force forces command exchange reserve board bureau
service services centre center museum church mosque temple cathedral stadium arena festival games
cup championship championships open tour olympics prize awards summit conference forum initiative
programme program project campaign movement brigade regiment fc. kremlin pentagon caucus studies
letters review journal magazine gazette electronics motor motors steel chemicals semiconductor
semiconductors pharma petroleum oil gas mining airlines insurance securities bancorp lions tigers
eagles bears giants rangers warriors knights raiders saints stars sharks hawks wolves jets bulls
dolphins panthers falcons agence presse brands foods beverages retail stores holdings logistics`);

/** Words that mark a place inside a capitalised run. */
export const PLACE_MARKERS: ReadonlySet<string> = words(`street road avenue lane square park bridge
river lake sea ocean gulf bay island islands mountain mountains mount valley desert coast province
county state states region district republic kingdom emirates territory peninsula strait canal
airport station port harbour harbor city town village north south east west northern southern eastern
western central`);

/** Countries, regions and large cities often written in news copy. */
export const PLACES: ReadonlySet<string> = words(`afghanistan albania algeria argentina armenia australia
austria azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia
cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt england
estonia ethiopia europe finland france gaza georgia germany ghana greece haiti hungary iceland india
indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait
latvia lebanon libya lithuania luxembourg malaysia mali mexico moldova mongolia montenegro morocco
myanmar nepal netherlands nigeria norway oman pakistan palestine panama peru philippines poland
portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain
sudan sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay
uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia america americas antarctica
arctic crimea donbas kyiv kiev moscow beijing shanghai tokyo seoul pyongyang delhi mumbai karachi
lahore dhaka jakarta manila bangkok hanoi singapore sydney melbourne auckland london paris berlin
madrid rome milan vienna brussels amsterdam geneva zurich stockholm oslo copenhagen helsinki warsaw
prague budapest bucharest athens istanbul ankara tehran baghdad damascus beirut jerusalem riyadh
dubai doha cairo lagos nairobi johannesburg washington york chicago boston texas california florida
ohio michigan pennsylvania virginia arizona nevada oregon toronto vancouver montreal ottawa brasilia
rio lima bogota caracas santiago havana vladivostok siberia kharkiv odesa lviv mariupol gaza tel aviv
hong kong macau manchester liverpool birmingham glasgow edinburgh cardiff belfast dublin leeds bristol
westminster whitehall brussels strasbourg frankfurt munich hamburg lyon marseille barcelona lisbon
osaka kyoto busan taipei shenzhen guangzhou wuhan chengdu kabul islamabad kathmandu colombo`);

/** Multi-word names of places and institutions that a capitalised-run tagger may return. */
export const KNOWN_NON_PERSON_PHRASES: ReadonlySet<string> = new Set([
  'white house', 'downing street', 'united states', 'united kingdom', 'united nations', 'european union',
  'new york', 'los angeles', 'san francisco', 'hong kong', 'new zealand', 'south africa', 'saudi arabia',
  'north korea', 'south korea', 'sri lanka', 'new delhi', 'buenos aires', 'wall street', 'silicon valley',
  'middle east', 'far east', 'latin america', 'north america', 'south america', 'capitol hill',
  'premier league', 'champions league', 'world cup', 'supreme court', 'high court', 'prime minister',
  'security council', 'red cross', 'tel aviv', 'abu dhabi', 'costa rica', 'puerto rico', 'el salvador',
  'new jersey', 'new mexico', 'rhode island', 'north carolina', 'south carolina', 'west bank',
  'associated press', 'getty images', 'chief executive', 'central bank', 'federal reserve',
  'new year', 'christmas day', 'easter sunday', 'good friday', 'black friday', 'cyber monday',
]);

/** Capitalised words that start sentences or headings but never start a name. */
export const FUNCTION_WORDS: ReadonlySet<string> = words(`the a an and or but if when while after before
as at by for from in into of on onto over since than that then this these those though through to
under until upon with within without yet so also however meanwhile still even despite although because
both each every some many most more much other others such its their his her our your my we they he she
it i you there here what which who whom whose why how where not no yes all any one two three four five
six seven eight nine ten last next early late during among amid between according about against
around across behind beyond like unlike near now today yesterday tomorrow tonight later earlier
again already just only perhaps indeed instead overall asked ask says said told tells dear hello
thanks thank please welcome big small former`);
