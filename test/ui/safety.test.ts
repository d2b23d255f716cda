// The sidebar renders data only as text: no HTML-parsing DOM sinks anywhere in its client code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UI_TEXT } from '../../src/ui/text';

const UI_DIR = join(__dirname, '../../src/ui');
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|DOMParser)\b/;

function sinkLines(source: string): string[] {
  return source
    .split('\n')
    .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), n: i + 1 }))
    // An XML document parsed apart from the page (an uploaded .xlsx's parts) runs nothing and is read only as text.
    .filter(({ line }) => SINKS.test(line) && !/new DOMParser\(\)\.parseFromString\(\w+, 'application\/xml'\)/.test(line))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

const clientFiles = readdirSync(UI_DIR).filter((f) => f.endsWith('.ts'));

test('the sidebar has client code to scan', () => {
  expect(clientFiles).toEqual(expect.arrayContaining(['sidebar.ts', 'forms.ts', 'dom.ts']));
});

test.each(clientFiles)('src/ui/%s uses no HTML-parsing sink', (file) => {
  expect(sinkLines(readFileSync(join(UI_DIR, file), 'utf8'))).toEqual([]);
});

test('the scan catches each sink it looks for', () => {
  const bad = ['a.innerHTML = x', 'a.outerHTML = x', "a.insertAdjacentHTML('beforeend', x)", 'document.write(x)', 'document.writeln(x)'];
  for (const line of bad) expect(sinkLines(line)).toHaveLength(1);
  expect(sinkLines('a.textContent = x // not innerHTML')).toEqual([]);
  expect(sinkLines("new DOMParser().parseFromString(x, 'text/html')")).toHaveLength(1);
  expect(sinkLines("new DOMParser().parseFromString(text, 'application/xml')")).toEqual([]);
});

test('the shell carries the script marker and no script of its own', () => {
  const shell = readFileSync(join(UI_DIR, 'Sidebar.html'), 'utf8');
  expect(shell).toContain('<!-- inline:script -->');
  expect(shell).not.toMatch(/<script/i);
});

test('every UI string the sidebar asks for exists in UI_TEXT', () => {
  const used = new Set<string>();
  for (const file of clientFiles) {
    for (const m of readFileSync(join(UI_DIR, file), 'utf8').matchAll(/\b(?:T|say)\((?:[\w.]+, )?'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(30);
  expect([...used].filter((key) => !(key in UI_TEXT))).toEqual([]);
});
