#!/usr/bin/env node
// The estate-registers command: builds on first use, then runs the CLI (build/cli.cjs) on the local host.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
// Apps Script runs in the script's time zone; so does the local host, whatever this machine's zone.
process.env.TZ = process.env.ESTATE_TZ || 'Asia/Shanghai';
if (!existsSync(join(root, 'build', 'cli.cjs')) || !existsSync(join(root, 'dist', 'Code.js'))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
require(join(root, 'build', 'cli.cjs'))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
