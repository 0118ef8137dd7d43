/**
 * Small hand-written name lists: family names written first (Chinese, Korean, Vietnamese),
 * common given names with their usual gender (only used to resolve "he"/"she"), and name particles.
 */
import type { Gender } from './titles.ts';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Common Chinese, Korean and Vietnamese family names; such a name's first token is its short form. */
export const FAMILY_FIRST_SURNAMES: ReadonlySet<string> = words(`wang li zhang liu chen yang huang zhao
wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao peng zeng xiao
tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao lu jin zhong cui tan wen xi
qin bo kong mao fu meng xue lai gu hou qian shi duan lei long tao kim lee park choi jung kang cho yoon
jang lim han oh seo shin kwon hwang ahn song yoo hong jeon ko moon yang son bae baek heo nam noh rhee yi ri
nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly`);

/** Vietnamese names are shortened to the given name (the last token), not the family name. */
export const VIETNAMESE_SURNAMES: ReadonlySet<string> = words(`nguyen tran le pham hoang phan vu vo dang
bui do ho ngo duong ly`);

/** Lower-case particles that belong to a surname ("ten Hag", "von der Leyen", "da Silva"). */
export const NAME_PARTICLES: ReadonlySet<string> = words(`van von der den de del della di da dos das du
la le ten ter bin ibn al el abu`);

/** Suffixes after a surname that are not the surname. */
export const NAME_SUFFIXES: ReadonlySet<string> = words('jr jr. sr sr. ii iii iv');

const MALE = words(`james john robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam henry nathan
douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry
sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan
juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny tim tom tony jim
bill bob mike dan ben sam joe boris vladimir sergei sergey dmitry dmitri artyom alexei alexey ivan
mikhail nikolai igor oleg andrei yuri viktor volodymyr olaf emmanuel francois jean pierre jacques
luis carlos jorge miguel pedro antonio manuel javier diego pablo rafael fernando ahmed mohammed
muhammad mohamed ali omar hassan hussein ibrahim mustafa khalid yusuf abdul rahul amit arjun vikram
ravi sanjay rajesh narendra hiroshi takeshi kenji shinzo fumio yoshihide akira jinping keqiang
xiaoping zemin jintao hao wei jun kwame kofi chinedu emeka oluwaseun tunde rishi keir nigel jeremy
justin joe barack hans klaus jurgen friedrich wolfgang giorgio matteo marco luca giuseppe lars erik
sven magnus anders ola erdogan recep benjamin yair naftali lula jair javier gustavo andres felipe
hakan kemal mehmet jerome elon sundar satya warren jamie lionel cristiano kylian erling harry marcus`);

const FEMALE = words(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole
helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth
julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl
hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice
judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie
brittany charlotte marie kayla alexis lori kamala hillary theresa angela ursula christine kaja
giorgia marine annalena sanna jacinda liz priya anita sunita aisha fatima leila yasmin amina
ngozi chimamanda folake amara yuki yoko keiko sakura mei ling xiaoling yan hui lan olga natalia
tatiana svetlana irina elena ekaterina yulia oksana greta malala serena venus naomi simone
ingrid astrid sofia lucia carmen isabel ana claudia gabriela beatriz marta rosa camila valentina
nadia rania layla zainab meera deepa lakshmi sita`);

/** The usual gender of a given name, when the lists know it. */
export function givenNameGender(name: string): Gender | undefined {
  const lower = name.toLowerCase();
  if (MALE.has(lower) && !FEMALE.has(lower)) return 'm';
  if (FEMALE.has(lower) && !MALE.has(lower)) return 'f';
  return undefined;
}
