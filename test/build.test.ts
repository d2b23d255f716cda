// The deployable bundle: one IIFE, one real top-level function per entry point, no modules, within budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const root = join(__dirname, '..');
const code = readFileSync(join(root, 'dist/Code.js'), 'utf8');
/** The one list: every export of src/main.ts. */
const entryPoints = [...readFileSync(join(root, 'src/main.ts'), 'utf8').matchAll(/^export (?:async )?(?:function|const) (\w+)/gm)].map((m) => m[1]);

it('has an entry-point list to check', () => {
  expect(entryPoints).toEqual(expect.arrayContaining(['onOpen', 'setupWorkbook', 'createRecord', 'transition', 'findRecords']));
});

it('declares each entry point as a real top-level function', () => {
  for (const name of entryPoints) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
});

it('has no import or export statements', () => {
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
});

it('loads in a plain vm with every entry point as a global function', () => {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  for (const name of entryPoints) expect(typeof context[name]).toBe('function');
});

it('ships only the Handlebars runtime, not the compiler', () => {
  expect(code).not.toMatch(/Parse error on line|JavaScriptCompiler/);
});

it('ships appsscript.json and the sidebar HTML with its script inlined', () => {
  expect(statSync(join(root, 'dist/appsscript.json')).isFile()).toBe(true);
  const html = readFileSync(join(root, 'dist/Sidebar.html'), 'utf8');
  expect(html).toMatch(/<script>[\s\S]*google\.script\.run[\s\S]*<\/script>/);
  expect(html).not.toContain('<!-- inline:script -->');
});

it('deploys the minified bundle within the 400 KB budget, with its source map kept out of dist/', () => {
  // What clasp pushes is what is measured: dist/Code.js itself, not a minified copy of it.
  const size = JSON.parse(readFileSync(join(root, 'build/size.json'), 'utf8'));
  const deployed = statSync(join(root, 'dist/Code.js')).size;
  expect(size.bytes).toBe(deployed);
  expect(deployed).toBeLessThanOrEqual(400 * 1024);
  expect([...size.entryPoints].sort()).toEqual([...entryPoints].sort());
  // Minified: internal names are gone (they live in the source map).
  expect(code).not.toMatch(/function computeOverdue\b/);
  expect(readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.map'))).toEqual([]);
  expect(code).not.toContain('sourceMappingURL');
  const map = JSON.parse(readFileSync(join(root, 'build/Code.js.map'), 'utf8'));
  expect(map.sources.some((s: string) => s.endsWith('src/app/scan.ts'))).toBe(true);
});

describe('the build refuses unescaped template output', () => {
  const { cpSync, mkdtempSync, symlinkSync, writeFileSync: write, readFileSync: read } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');

  /** A copy of the project with one notice template changed, built as `npm run build` would. */
  function buildWith(change: (source: string) => string) {
    const dir = mkdtempSync(join(tmpdir(), 'build-'));
    for (const p of ['src', 'scripts', 'templates', 'appsscript.json', 'package.json']) cpSync(join(root, p), join(dir, p), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const file = join(dir, 'templates/notices/rectification.hbs');
    write(file, change(read(file, 'utf8')));
    return spawnSync(process.execPath, [join(dir, 'scripts/build.mjs')], { encoding: 'utf8' });
  }

  it.each([
    ['a triple-stash', (s: string) => `${s}\n{{{record.description}}}`],
    ['SafeString', (s: string) => `${s}\n{{!-- new Handlebars.SafeString(x) --}}`],
  ])('fails on %s', (_what, change) => {
    const r = buildWith(change);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/templates\/notices\/rectification\.hbs:\d+: unescaped output/);
  });
});
