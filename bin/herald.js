#!/usr/bin/env node
// The `herald` command. Node 23.6+ runs the TypeScript sources directly; older Node loads tsx first.
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 23 || (major === 23 && minor < 6)) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
