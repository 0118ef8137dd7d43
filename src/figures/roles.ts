/**
 * Role and organisation of each person, from the title chain before a mention, an appositive after
 * it, or a counterpart reference resolved from another person's role.
 */
import type { Doc } from './doc.ts';
import { appositiveAfter } from './appositive.ts';
import { bare, isNationality, isRoleHead } from './name-words.ts';
import { titleChainBefore } from './title-chain.ts';

export { appositiveAfter } from './appositive.ts';
export { type RoleFinding, titleChainBefore } from './title-chain.ts';

const TEMPORAL = new Set(['former', 'acting', 'then', 'outgoing', 'incoming', 'interim', 'newly', 'elected', 'late', 'ex']);

/** Fill role and organisation for every draft, counterparts last. */
export function assignRoles(doc: Doc): void {
  for (const m of doc.mentions) {
    if (m.inQuote) continue;
    const d = doc.people[m.person];
    if (d === undefined || (d.role !== undefined && d.organisation !== undefined)) continue;
    const found = titleChainBefore(doc, m) ?? appositiveAfter(doc, m);
    if (found === undefined) continue;
    if (found.counterpart !== undefined) {
      if (d.role === undefined && d.counterpart === undefined) d.counterpart = found.counterpart;
    } else if (d.role === undefined && found.role !== undefined) {
      d.role = found.role;
      if (found.organisation !== undefined) d.organisation = found.organisation;
    } else if (d.organisation === undefined && found.organisation !== undefined && headOf(found.role) === headOf(d.role)) {
      d.organisation = found.organisation;
    }
  }
  for (const d of doc.people) {
    const c = d.counterpart;
    if (d.role !== undefined || c === undefined) continue;
    const other = c.possessor === undefined ? undefined : doc.people[c.possessor];
    if (other?.role === undefined || other === d) continue;
    const core = other.role.split(/\s+/u).filter((w) => !isNationality(w) && !TEMPORAL.has(bare(w))).join(' ');
    d.role = [c.modifiers, core].filter(Boolean).join(' ');
    if (c.organisation !== undefined) d.organisation = c.organisation;
  }
}

function headOf(role: string | undefined): string {
  return (role ?? '').split(/\s+/u).filter((w) => isRoleHead(w)).pop()?.toLowerCase() ?? '';
}
