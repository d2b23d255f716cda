// Runs the end-to-end suites once per host quirk (ESTATE_HOST_QUIRKS), so the add-on is proved under each plausible Google behaviour.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The names come from the host's own table, so a new quirk is tested without touching this script.
const table = readFileSync(new URL('../src/local/host/quirks.ts', import.meta.url), 'utf8');
const block = table.slice(table.indexOf('export const QUIRKS'), table.indexOf('} as const'));
const names = [...block.matchAll(/^\s*'([a-z-]+)':/gm)].map((m) => m[1]);
if (!names.length) throw new Error('no quirks found in src/local/host/quirks.ts');
const only = process.argv.slice(2);
const failed = [];
for (const quirk of only.length ? only : names) {
  console.log(`\n=== ESTATE_HOST_QUIRKS=${quirk}`);
  const r = spawnSync('npx', ['jest', 'test/e2e'], { stdio: 'inherit', env: { ...process.env, ESTATE_HOST_QUIRKS: quirk } });
  if (r.status !== 0) failed.push(quirk);
}
if (failed.length) {
  console.error(`\nend-to-end suites failed under: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nend-to-end suites passed under every quirk: ${names.join(', ')}`);
