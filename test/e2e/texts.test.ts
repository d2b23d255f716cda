// The zh-Hant and en texts the build moves to dist/Texts.html, through dist/Code.js: read only by runs in those languages, and a missing file is an error, not a workbook that looks unset up.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cells, CODE, complaint, ok, rpc, setUpBook, snapshot } from './book';
import { createHost } from '../../src/local/host';

const DIST = join(CODE, '..');
const reads = (host: ReturnType<typeof setUpBook>) => host.counters['HtmlService.createHtmlOutputFromFile'] ?? 0;

describe('texts kept out of Code.js', () => {
  it('Code.js carries zh-Hans only; Texts.html holds the zh-Hant and en pairs', () => {
    const code = readFileSync(CODE, 'utf8');
    const table = JSON.parse(readFileSync(join(DIST, 'Texts.html'), 'utf8')) as unknown[];
    expect(table.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string'))).toBe(true);
    expect(table).toContainEqual(['歸檔校驗值', 'Archive hash']);
    expect(code).toContain('归档校验值');
    expect(code).not.toContain('歸檔校驗值');
    expect(code).not.toContain('Archive hash');
  });

  it('a zh-Hans run never reads the file; a zh-Hant run reads it once', () => {
    const host = setUpBook();
    host.resetCounters();
    ok(rpc(host, 'createRecord', 'complaints', complaint()));
    expect(reads(host)).toBe(0);
    const hant = setUpBook({ lang: 'zh-Hant' });
    hant.resetCounters();
    ok(rpc(hant, 'createRecord', 'complaints', complaint()));
    expect(reads(hant)).toBe(1);
    expect(cells(hant, '投訴')[0]).toContain('受理時間');
  });

  it('without Texts.html a zh-Hant workbook refuses with an error in the log, writing nothing, instead of looking unset up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'texts-'));
    try {
      copyFileSync(join(DIST, 'Sidebar.html'), join(dir, 'Sidebar.html'));
      const host = setUpBook({ lang: 'zh-Hant' });
      const before = snapshot(host);
      const bare = createHost({ codePath: CODE, htmlDir: dir, workbook: host.workbook, user: 'manager@estate.example', now: '2026-11-25T09:00:00+08:00' });
      expect(rpc(bare, 'createRecord', 'complaints', complaint())).toMatchObject({ ok: false, code: 'internal' });
      expect(bare.logs.join('\n')).toContain('No HTML file named Texts');
      expect(snapshot(host)).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
