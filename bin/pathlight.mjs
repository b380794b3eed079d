#!/usr/bin/env node
// The `pathlight` command. Runs the TypeScript sources through tsx, so `npx pathlight` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
const code = await run(process.argv.slice(2), {
  // A full pipe makes write() return false: wait for it to drain, so a large report never piles up in memory.
  stdout: (text) => (process.stdout.write(text) ? undefined : new Promise((resolve) => process.stdout.once('drain', resolve))),
  stderr: (text) => process.stderr.write(text),
  // Progress only on a terminal, on stderr, rewritten in place.
  ...(process.stderr.isTTY ? { progress: (line) => process.stderr.write(`\r\x1b[K${line.slice(0, Math.max(20, (process.stderr.columns ?? 80) - 1))}`) } : {}),
});
process.exitCode = code;
