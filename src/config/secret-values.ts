/**
 * The secret values of a loaded config (tokens, signing secret, API key, webhook URLs, the database
 * URL and its password), for the logger to mask wherever they appear.
 */
import type { HeraldConfig } from './schema.ts';

export function secretValues(config: Pick<HeraldConfig, 'secrets' | 'databaseUrl'>): string[] {
  const { webhooks, ...tokens } = config.secrets;
  const values = [...Object.values(tokens), ...Object.values(webhooks)].filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (config.databaseUrl) {
    values.push(config.databaseUrl);
    try {
      const password = decodeURIComponent(new URL(config.databaseUrl).password);
      if (password) values.push(password);
    } catch {
      // Not a URL (a libpq key=value string): the whole value is already listed.
    }
  }
  return values;
}
