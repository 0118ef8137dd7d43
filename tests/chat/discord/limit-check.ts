/** Every way a message body could break Discord's limits (or be rejected as empty), as readable strings. */
type Json = Record<string, unknown>;

export function limitViolations(payload: unknown): string[] {
  const body = payload as Json;
  const problems: string[] = [];
  const content = typeof body.content === 'string' ? body.content : '';
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (content.length > 2000) problems.push(`content ${content.length} > 2000`);
  if (!content && embeds.length === 0) problems.push('empty message');
  if (embeds.length > 10) problems.push(`${embeds.length} embeds > 10`);
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const title = String(embed.title ?? '');
    const description = String(embed.description ?? '');
    const fields = (embed.fields as { name: string; value: string }[] | undefined) ?? [];
    if (title.length > 256) problems.push(`embed ${i} title ${title.length} > 256`);
    if (description.length > 4096) problems.push(`embed ${i} description ${description.length} > 4096`);
    if ('title' in embed && !title) problems.push(`embed ${i} empty title`);
    if ('description' in embed && !description) problems.push(`embed ${i} empty description`);
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields > 25`);
    if (!title && !description && fields.length === 0) problems.push(`embed ${i} is empty`);
    for (const f of fields) {
      if (!f.name || f.name.length > 256) problems.push(`embed ${i} field name length ${f.name.length}`);
      if (!f.value || f.value.length > 1024) problems.push(`embed ${i} field value length ${f.value.length}`);
      total += f.name.length + f.value.length;
    }
    total += title.length + description.length;
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  return problems;
}
