/**
 * `herald VERB [options]`: argv in, one of the app's verbs out. Dispatch only; the verbs live in src/cli/.
 */
import { parseArgs } from 'node:util';
import { loadConfig, defaultConfig } from './config/load-config.ts';
import { ConfigError } from './core/errors.ts';
import { createFetcher } from './ingest/fetcher.ts';
import { briefVerb, registerCommandsVerb, startVerb } from './cli/bot-verbs.ts';
import { errorMessage, jsonError, printJson, UsageError, type Output } from './cli/io.ts';
import { condenseJsonl, condenseVerb, entitiesJsonl, extractVerb, figuresVerb, parseVerb, type VerbContext } from './cli/text-verbs.ts';

const USAGE = `Usage: herald <verb> [options]

  start                      run the bot: poll feeds, post digests on schedule
  brief [--feed URL|FILE ...] [--topic T] [--since 8h|yesterday|DATE]
                             poll once and print a briefing
  parse FILE|URL ...         print the normalised feed and items
  extract FILE|URL           print an article page's main text
  condense [FILE|-]          print 2 to 4 bullets for an article (--jsonl: stream {"id","article"} lines)
  figures [FILE|-]           print the people, quotes and key figures of an article
  register-commands [--guild ID]
                             register the slash commands with Discord (per guild, or globally)
  entities --jsonl           stream {"id","text"} lines to {"id","people":[{"text","start","end"}]}

Options: --config FILE (default config/default.yaml, or HERALD_CONFIG), --json, --help, --version`;

const OPTIONS = {
  config: { type: 'string' },
  feed: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  jsonl: { type: 'boolean', default: false },
  topic: { type: 'string' },
  since: { type: 'string' },
  bullets: { type: 'string' },
  guild: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;

export async function main(argv: string[], io: Output = { out: process.stdout, err: process.stderr }): Promise<number> {
  let json = argv.includes('--json') || argv.includes('--jsonl');
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    json = values.json || values.jsonl;
    const [verb, ...rest] = positionals;
    if (values.version) {
      io.out.write('herald 0.1.0\n');
      return 0;
    }
    if (values.help || !verb || verb === 'help') {
      io.out.write(`${USAGE}\n`);
      return verb || values.help ? 0 : 2;
    }
    const config = () => (values.config ? loadConfig(values.config) : safeConfig());
    const ctx = (): VerbContext => {
      const { fetch } = config();
      return { ...io, json, fetcher: createFetcher({ timeoutMs: fetch.timeoutMs, connectTimeoutMs: fetch.connectTimeoutMs, maxBytes: fetch.maxBytes, maxRedirects: fetch.maxRedirects, perHostConcurrency: fetch.perHostConcurrency, allowHosts: fetch.allowHosts }) };
    };
    switch (verb) {
      case 'start':
        return await startVerb({ ...(values.config ? { configPath: values.config } : {}) }, io);
      case 'brief':
        return await briefVerb({ ...(values.config ? { configPath: values.config } : {}), feeds: [...(values.feed ?? []), ...rest], json, ...(values.topic ? { topic: values.topic } : {}), ...(values.since ? { since: values.since } : {}) }, io);
      case 'register-commands':
        return await registerCommandsVerb({ ...(values.config ? { configPath: values.config } : {}), ...(values.guild ? { guildId: values.guild } : {}) }, io);
      case 'parse':
        return await parseVerb(rest, ctx());
      case 'extract':
        return await extractVerb(rest[0], ctx());
      case 'condense': {
        const bullets = values.bullets ? Number(values.bullets) : undefined;
        if (bullets !== undefined && !(bullets >= 2 && bullets <= 4)) throw new UsageError('--bullets takes 2, 3 or 4');
        return values.jsonl ? await condenseJsonl(ctx()) : await condenseVerb(rest[0], ctx(), bullets);
      }
      case 'figures':
        return await figuresVerb(rest[0], ctx());
      case 'entities':
        if (!values.jsonl) throw new UsageError('entities reads JSON lines: herald entities --jsonl < lines.jsonl');
        return await entitiesJsonl(ctx());
      default:
        throw new UsageError(`unknown verb "${verb}"; run herald --help`);
    }
  } catch (error) {
    if (json) printJson(io, jsonError(error));
    else io.err.write(`herald: ${error instanceof ConfigError ? error.message : errorMessage(error)}\n`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

/** Text verbs work without a config file; a present but broken one is still an error. */
function safeConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError && error.problems.every((p) => p.startsWith('(file)'))) return defaultConfig();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`herald: ${errorMessage(error)}\n`);
      process.exitCode = 1;
    },
  );
}
