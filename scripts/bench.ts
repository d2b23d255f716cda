// npm run bench: bundle size, load time, and the service calls and milliseconds of the heavy entry points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { createHost, Host } from '../src/local/host';
import { buildEntry, ChainPoint } from '../src/domain/dutylog';
import { isoInZone } from '../src/domain/table';

const ROOT = join(__dirname, '..');
const CODE = process.env.BENCH_CODE ?? join(ROOT, 'dist', 'Code.js');
const NOW = '2026-11-25T09:00:00+08:00';
const MANAGER = 'manager@estate.example';
const TZ = 'Asia/Shanghai';
/** One record in this many is open (BENCH_OPEN_EVERY=1: every record open and overdue, the worst case). */
const OPEN_EVERY = Number(process.env.BENCH_OPEN_EVERY ?? 50);

interface Row {
  what: string;
  ms: number;
  calls: number;
  spreadsheet: number;
  /** Cells read and written, whatever the number of calls. */
  read?: number;
  written?: number;
  note?: string;
}
const rows: Row[] = [];

function measure(host: Host, what: string, fn: () => unknown, note?: string): unknown {
  host.resetCounters();
  const t = performance.now();
  const result = fn();
  const ms = performance.now() - t;
  const calls = Object.values(host.counters).reduce((a, b) => a + b, 0);
  rows.push({ what, ms, calls, spreadsheet: host.spreadsheetCalls(), read: host.cells.read, written: host.cells.written, note });
  return result;
}

function book(): Host {
  const host = createHost({ codePath: CODE, user: MANAGER, now: NOW });
  host.call('setupWorkbook', 'zh-Hans');
  host.callFromClient('createRecord', ['roles', { email: 'sup@estate.example', name: '王建国', roles: ['supervisor'] }]);
  return host;
}

/**
 * Copies a register's first two data rows n times — the first (closed) for 49 rows in 50, the second
 * (open) for the rest, as in a register kept for years — with fresh ids and earlier times, in one setValues.
 */
function fill(host: Host, tab: string, prefix: string, n: number, timeCol: string): void {
  host.context.__n = n;
  host.context.__openEvery = OPEN_EVERY;
  host.context.__prefix = prefix;
  vm.runInContext(
    `(function () {
      var sheet = SpreadsheetApp.getActive().getSheetByName(${JSON.stringify(tab)});
      var all = sheet.getDataRange().getValues();
      var head = all[0], closed = all[1], open = all[2];
      var idCol = head.indexOf('编号'), tCol = head.indexOf(${JSON.stringify(timeCol)});
      var out = [];
      for (var i = 0; i < __n; i++) {
        var tpl = i % __openEvery === 0 ? open : closed;
        var r = tpl.slice();
        r[idCol] = __prefix + String(i + 3).padStart(6, '0');
        if (tCol >= 0 && tpl[tCol] instanceof Date) r[tCol] = new Date(tpl[tCol].getTime() - (i % 900) * 3600000);
        out.push(r);
      }
      if (sheet.getMaxRows() < __n + 3) sheet.insertRowsAfter(sheet.getMaxRows(), __n + 3 - sheet.getMaxRows());
      sheet.getRange(4, 1, __n, head.length).setValues(out);
    })()`,
    host.context,
  );
}

/** A workbook of about `total` rows spread over the registers the scan reads. */
function scanBook(total: number): Host {
  const host = book();
  const share = Math.floor(total / 4);
  const at = '2026-11-20T09:00:00+08:00';
  const rec = (register: string, fields: object) => host.callFromClient('createRecord', [register, fields]) as { id: string; version: number };
  const act = (register: string, r: { id: string; version: number }, ...actions: [string, object?][]) => {
    for (const [a, f] of actions) r.version = (host.callFromClient('transition', [register, r.id, r.version, a, f ?? {}]) as { version: number }).version;
  };
  const complaint = { received_at: at, complainant: '王女士', subject: '楼道灯不亮', class: 'minor' };
  const violation = { found_at: at, unit: '1-101', category: 'hygiene', severity: 'general', description: '楼道堆物' };
  const request = { received_at: at, type: 'repair', details: '水管漏水' };
  const pass = { holder: '何阿姨', role: 'nanny', unit: '1-101', issued_on: '2026-10-01', expires_on: '2026-12-01' };
  act('complaints', rec('complaints', complaint), ['dispatch', { department: '工程部' }], ['resolve'], ['notify'], ['close']);
  act('violations', rec('violations', violation), ['close']);
  act('requests', rec('requests', request), ['first_reply'], ['close']);
  act('passes', rec('passes', pass), ['return']);
  rec('complaints', complaint);
  rec('violations', violation);
  rec('requests', request);
  rec('passes', pass);
  fill(host, '投诉', 'C-2025-', share - 2, '受理时间');
  fill(host, '违章', 'V-2025-', share - 2, '发现时间');
  fill(host, '求助报事', 'R-2025-', share - 2, '受理时间');
  fill(host, '临时出入卡', 'P-2025-', share - 2, '');
  return host;
}

/** A duty log of n chained entries, written in one setValues, with its head in document properties. */
function dutyBook(n: number): Host {
  const host = book();
  let prev: ChainPoint | null = null;
  const start = Date.parse('2026-01-01T00:00:00+08:00');
  const entries = [];
  for (let i = 0; i < n; i++) {
    const e = buildEntry(prev, { at: new Date(start + i * 600_000), officer: '李晓梅', kind: 'entry', text: `第${i + 1}条：巡查正常，无异常情况。` }, TZ);
    entries.push([e.seq, isoInZone(e.at, TZ), e.officer, '值班记录', e.text, '', e.prev_hash, e.hash]);
    prev = e;
  }
  host.context.__entries = JSON.stringify(entries);
  host.context.__head = JSON.stringify({ seq: prev!.seq, hash: prev!.hash });
  vm.runInContext(
    `(function () {
      var sheet = SpreadsheetApp.getActive().getSheetByName('值班记录');
      var head = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      var keys = ['序号', '时间', '值班人', '类型', '内容', '更正序号', '前一条校验值', '校验值'];
      var rows = JSON.parse(__entries).map(function (e) {
        var r = head.map(function () { return ''; });
        keys.forEach(function (k, i) { var c = head.indexOf(k); if (c >= 0) r[c] = i === 1 ? new Date(e[i]) : e[i]; });
        return r;
      });
      if (sheet.getMaxRows() < rows.length + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 1 - sheet.getMaxRows());
      sheet.getRange(2, 1, rows.length, head.length).setValues(rows);
      PropertiesService.getDocumentProperties().setProperty('dutylog.head', __head);
    })()`,
    host.context,
  );
  return host;
}

function main(): void {
  const size = JSON.parse(readFileSync(join(ROOT, 'build', 'size.json'), 'utf8')) as { bytes: number };
  console.log(`Bundle: dist/Code.js ${(size.bytes / 1024).toFixed(1)} KB as deployed, minified (budget 300 KB, aim 150 KB)\n`);

  let t = performance.now();
  const host = createHost({ codePath: CODE, user: MANAGER, now: NOW });
  rows.push({ what: 'load dist/Code.js in the host', ms: performance.now() - t, calls: 0, spreadsheet: 0 });
  measure(host, 'onOpen (menu)', () => host.call('onOpen'));
  measure(host, 'setupWorkbook', () => host.call('setupWorkbook', 'zh-Hans'));
  measure(host, 'createRecord (complaint)', () =>
    host.callFromClient('createRecord', ['complaints', { received_at: NOW, complainant: '王女士', subject: '楼道灯不亮', class: 'minor' }]),
  );

  for (const total of (process.env.BENCH_ROWS ?? "1000,10000,100000").split(",").map(Number)) {
    const b = scanBook(total);
    b.setNow('2026-11-25T12:00:00+08:00');
    const r = measure(b, `runOverdueScan, ${total.toLocaleString('en')} rows (1 in ${OPEN_EVERY} open)`, () => b.callFromClient('runOverdueScan', [])) as { overdue: unknown[] };
    const writes = () => (b.counters['SpreadsheetApp.Range.setValues'] ?? 0) + (b.counters['SpreadsheetApp.RangeList.setValue'] ?? 0);
    rows[rows.length - 1].note = `${r.overdue.length} overdue; ${b.counters['SpreadsheetApp.Range.getValues']} reads, ${writes()} writes`;
    // Half an hour later nothing new is due: what the hourly run costs once the sheet is up to date.
    b.setNow('2026-11-25T12:30:00+08:00');
    measure(b, `  again 30 min later`, () => b.callFromClient('runOverdueScan', []));
    rows[rows.length - 1].note = `${b.counters['SpreadsheetApp.Range.getValues']} reads, ${writes()} writes, ${b.outbox.length} emails in all`;
  }

  const d = dutyBook(10_000);
  const v = measure(d, 'verifyDutyLog, 10,000 entries', () => d.callFromClient('verifyDutyLog', [])) as { intact: boolean };
  rows[rows.length - 1].note = v.intact ? 'intact' : 'NOT intact';
  t = performance.now();

  // 导入旧台账: an old register of 10,000 rows pasted into a tab (a title row, dates typed, one unknown column).
  const im = book();
  vm.runInContext(
    `(function () {
      var sheet = SpreadsheetApp.getActive().insertSheet('旧投诉');
      var rows = [['2025年投诉登记表', '', '', '', '', '', ''], ['日期', '反映人', '房间号', '投诉内容', '类别', '处理结果', '楼长']];
      for (var i = 0; i < 10000; i++) rows.push(['2025年' + (1 + (i % 12)) + '月' + (1 + (i % 28)) + '日', '业主' + i, (1 + (i % 30)) + '-' + (101 + (i % 20)), '第 ' + i + ' 件投诉', i % 3 ? '一般' : '重要', i % 2 ? '已处理' : '', '老李']);
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
      sheet.getRange(1, 1, rows.length, 7).setValues(rows);
    })()`,
    im.context,
  );
  const reads = () => im.counters['SpreadsheetApp.Range.getValues'] ?? 0;
  const appends = () => im.counters['SpreadsheetApp.Range.setValues'] ?? 0;
  const pv = measure(im, 'previewImport, 10,000 rows', () => im.callFromClient('previewImport', [{ tab: '旧投诉' }])) as { imported: number };
  rows[rows.length - 1].note = `${pv.imported} would be imported; ${reads()} reads, ${appends()} writes`;
  const ri = measure(im, 'runImport, 10,000 rows', () => im.callFromClient('runImport', [{ tab: '旧投诉' }])) as { imported: number };
  rows[rows.length - 1].note = `${ri.imported} imported; ${reads()} reads, ${appends()} writes`;
  const again = measure(im, '  again (all duplicates)', () => im.callFromClient('runImport', [{ tab: '旧投诉' }])) as { duplicates: number };
  rows[rows.length - 1].note = `${again.duplicates} duplicates; ${reads()} reads, ${appends()} writes`;

  const w = Math.max(...rows.map((r) => r.what.length));
  const n = (x: number | undefined, width: number) => (x === undefined ? '' : x.toLocaleString('en')).padStart(width);
  console.log(`${'what'.padEnd(w)}  ${'ms'.padStart(8)}  ${'calls'.padStart(6)}  ${'sheets'.padStart(6)}  ${'cells read'.padStart(11)}  ${'written'.padStart(9)}  note`);
  for (const r of rows)
    console.log(`${r.what.padEnd(w)}  ${r.ms.toFixed(1).padStart(8)}  ${String(r.calls).padStart(6)}  ${String(r.spreadsheet).padStart(6)}  ${n(r.read, 11)}  ${n(r.written, 9)}  ${r.note ?? ''}`);
}

process.env.TZ = TZ;
main();
