// The layering rules: only src/gas names Google services; src/domain is pure (no I/O, no clock of its own).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const GOOGLE = /\b(SpreadsheetApp|MailApp|GmailApp|DriveApp|Drive|DocumentApp|LockService|PropertiesService|ScriptApp|HtmlService|Session|Utilities|CacheService|Logger)\s*[.!]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments, so a comment may still name the service it explains. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const outsideGas = [...files(join(ROOT, 'src/domain')), ...files(join(ROOT, 'src/app')), ...files(join(ROOT, 'src/ui')), join(ROOT, 'src/main.ts'), join(ROOT, 'src/ports.ts')];

it.each(outsideGas.map((f) => [relative(ROOT, f), f]))('%s names no Google service', (_name, file) => {
  expect(code(file)).not.toMatch(GOOGLE);
});

it.each(files(join(ROOT, 'src/domain')).map((f) => [relative(ROOT, f), f]))('%s is pure: no I/O and no clock of its own', (_name, file) => {
  const text = code(file);
  expect(text).not.toMatch(/from ['"](node:|fs|path|child_process|http)/);
  expect(text).not.toMatch(/new Date\(\)|Date\.now\(\)/);
  expect(text).not.toMatch(/from ['"]\.\.\/(app|gas|local)/);
});

it.each(files(join(ROOT, 'src/app')).map((f) => [relative(ROOT, f), f]))('%s talks to ports, not to gas or local', (_name, file) => {
  expect(code(file)).not.toMatch(/from ['"]\.\.\/(gas|local)/);
});
