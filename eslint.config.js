// Lint: typescript-eslint's recommended rules plus the import boundaries of docs/architecture.md.
import tseslint from 'typescript-eslint';

const stages = ['ingest', 'extract', 'nlp', 'figures', 'condense', 'deliver', 'store', 'chat', 'ops', 'config'];

/** `from` may import only these src/ folders (besides itself and core). */
const allowed = {
  core: [],
  config: [],
  ops: [],
  store: [],
  ingest: [],
  extract: ['ingest'],
  nlp: [],
  figures: ['nlp'],
  condense: ['nlp', 'figures', 'extract'],
  deliver: ['condense', 'figures', 'chat', 'ops'],
  chat: ['ops'],
};

const chatLibraries = ['discord.js', '@discordjs/*', '@slack/bolt', '@slack/web-api', '@slack/socket-mode'];
const dbDrivers = ['better-sqlite3', 'pg'];

function patterns(from) {
  const banned = stages.filter((s) => s !== from && !allowed[from].includes(s));
  const groups = [
    { group: ['**/app.ts', '**/app', '**/cli.ts', '**/cli'], message: 'Nothing imports the composition root or the CLI.' },
  ];
  if (banned.length) {
    groups.push({
      group: banned.flatMap((s) => [`../${s}/*`, `../../${s}/*`, `../../../${s}/*`, `../${s}`, `../../${s}`]),
      message: `src/${from} may import only core${allowed[from].length ? `, ${allowed[from].join(', ')}` : ''} (docs/architecture.md).`,
    });
  }
  if (from !== 'chat') groups.push({ group: chatLibraries, message: 'Only src/chat/<platform>/ imports a chat library.' });
  if (from !== 'store') groups.push({ group: dbDrivers, message: 'Only src/store/<engine>/ imports its database driver.' });
  if (from !== 'ingest') groups.push({ group: ['rss-parser'], message: 'Only src/ingest imports rss-parser.' });
  if (from !== 'deliver') groups.push({ group: ['node-cron'], message: 'Only src/deliver imports node-cron.' });
  return groups;
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'models/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...['core', 'config', 'ops', 'store', 'ingest', 'extract', 'nlp', 'figures', 'condense', 'deliver', 'chat'].map((from) => ({
    files: [`src/${from}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: patterns(from) }] },
  })),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'src/core imports nothing outside core.' }] }],
    },
  },
  {
    files: ['src/chat/slack/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns('chat').filter((p) => p.group !== chatLibraries), { group: ['discord.js', '@discordjs/*'], message: 'Only src/chat/discord imports discord.js.' }] }] },
  },
  {
    files: ['src/chat/discord/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns('chat').filter((p) => p.group !== chatLibraries), { group: ['@slack/*'], message: 'Only src/chat/slack imports @slack/bolt.' }] }] },
  },
  {
    files: ['commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../src/*', '!../src/core', '../src/*/**', '!../src/core/**', 'discord.js', '@slack/*', 'rss-parser', 'better-sqlite3', 'pg', 'node-cron'], message: 'commands/ imports src/core only.' }] }],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
