// The .lock file really excludes other processes: 20 parallel writers all land, stale locks are broken, the document lock respects it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { createHost } from '../../../src/local/host';
import { FileLockTimeoutError, isFileLockHeld, lockPathOf, withFileLock } from '../../../src/local/filelock';
import { loadWorkbook, newWorkbook, saveWorkbook } from '../../../src/local/xlsx';

let dir: string;
let lockJs: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filelock-'));
  // The child processes run the real filelock module, transpiled to plain JS.
  const source = fs.readFileSync(path.join(__dirname, '../../../src/local/filelock.ts'), 'utf8');
  lockJs = path.join(dir, 'filelock.js');
  fs.writeFileSync(lockJs, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } }).outputText);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('20 processes incrementing a counter under the lock all land (no lost update)', async () => {
  const book = path.join(dir, 'counter.xlsx');
  const counter = path.join(dir, 'counter.txt');
  fs.writeFileSync(counter, '0');
  const script = `
    const fs = require('fs');
    const { withFileLock } = require(${JSON.stringify(lockJs)});
    withFileLock(${JSON.stringify(book)}, async () => {
      const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8'));
      await new Promise((r) => setTimeout(r, 15));
      fs.writeFileSync(${JSON.stringify(counter)}, String(n + 1));
    }, { timeoutMs: 60000 }).catch((e) => { console.error(e.message); process.exit(1); });`;
  const results = await Promise.all(Array.from({ length: 20 }, () => run(script)));
  expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
  expect(fs.readFileSync(counter, 'utf8')).toBe('20');
  expect(fs.existsSync(lockPathOf(book))).toBe(false);
});

test('a lock left by a dead process is broken; a live holder makes the wait time out', async () => {
  const book = path.join(dir, 'stale.xlsx');
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  fs.writeFileSync(lockPathOf(book), JSON.stringify({ pid: Number(dead), host: os.hostname(), at: new Date().toISOString() }));
  await expect(withFileLock(book, () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');

  fs.writeFileSync(lockPathOf(book), JSON.stringify({ pid: process.ppid, host: os.hostname(), at: new Date().toISOString() }));
  const err = await withFileLock(book, () => 'ran', { timeoutMs: 200 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FileLockTimeoutError);
  expect((err as Error).message).toContain(`(pid ${process.ppid})`);
  fs.unlinkSync(lockPathOf(book));
});

test('nested use in one process shares the lock and releases it at the end', async () => {
  const book = path.join(dir, 'nested.xlsx');
  await withFileLock(book, async () => {
    expect(isFileLockHeld(book)).toBe(true);
    await withFileLock(book, () => expect(fs.existsSync(lockPathOf(book))).toBe(true));
    expect(isFileLockHeld(book)).toBe(true);
  });
  expect(isFileLockHeld(book)).toBe(false);
  expect(fs.existsSync(lockPathOf(book))).toBe(false);
});

test('a host opened from a file cannot take the document lock while another process holds the book', async () => {
  const book = path.join(dir, 'estate.xlsx');
  await saveWorkbook(newWorkbook(), book);
  const code = `function take() { var l = LockService.getDocumentLock(); return l.tryLock(100); }`;
  const ready = path.join(dir, 'ready');
  const holder = spawn(process.execPath, [
    '-e',
    `const { withFileLock } = require(${JSON.stringify(lockJs)});
     withFileLock(${JSON.stringify(book)}, () => new Promise((r) => { require('fs').writeFileSync(${JSON.stringify(ready)}, '1'); setTimeout(r, 1500); }));`,
  ]);
  while (!fs.existsSync(ready)) await new Promise((r) => setTimeout(r, 20));
  const h = createHost({ code, workbook: await loadWorkbook(book) });
  expect(h.call('take')).toBe(false);
  await new Promise((r) => holder.on('close', r));
  expect(h.call('take')).toBe(true);
  expect(fs.existsSync(lockPathOf(book))).toBe(false);
  // Under the CLI's own withFileLock the document lock is available to this process.
  await withFileLock(book, () => expect(h.call('take')).toBe(true));
});
