/**
 * Abbreviations that never end a sentence when a name or number follows. Wink's boundary model
 * already knows most; these repair the few splits it still makes.
 */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr.', 'mrs.', 'ms.', 'messrs.', 'dr.', 'prof.', 'rev.', 'fr.', 'sr.', 'jr.', 'st.', 'ste.', 'mt.', 'ft.',
  'gen.', 'lt.', 'col.', 'maj.', 'capt.', 'cpt.', 'sgt.', 'cpl.', 'pvt.', 'adm.', 'cmdr.', 'cdr.', 'brig.',
  'sen.', 'rep.', 'reps.', 'gov.', 'lt.gov.', 'atty.', 'supt.', 'insp.', 'det.', 'hon.', 'pres.', 'amb.',
  'no.', 'nos.', 'vs.', 'v.', 'ca.', 'approx.', 'dept.', 'univ.', 'corp.', 'inc.', 'co.', 'ltd.', 'bros.',
]);

/** Month abbreviations: no boundary when a day or year follows ("Jan. 5", "Sept. 2014"). */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
]);

/** Company suffixes end sentences often ("... at Apple Inc."), so only a lower-case follower joins them. */
export const MAY_END_SENTENCE: ReadonlySet<string> = new Set(['inc.', 'co.', 'ltd.', 'corp.', 'bros.', 'jr.', 'sr.']);
