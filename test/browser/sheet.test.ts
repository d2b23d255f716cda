// The register tabs drawn in Chromium at their set widths in Sheets' default font: no date, id or header is cut off (Sheets would show ### or clip it).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Browser } from 'playwright-core';
import { launchChromium, ARTIFACTS } from './chromium';
import { REGISTERS, sheetColumnsOf } from '../../src/domain/registers';
import { complaint, ok, rpc, setUpBook, violation } from '../e2e/book';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A tab as Sheets draws it: its widths, its shown values, Arial 10 pt (Liberation Sans has Arial's metrics), 3 px padding. */
function tableHtml(widths: number[], grid: string[][]): string {
  const cols = widths.map((w) => `<col style="width:${w}px">`).join('');
  const rows = grid
    .map((r, i) => `<tr>${r.map((c, j) => `<td data-col="${j}"${i === 0 ? ' class="h"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; font: 10pt Arial, 'Liberation Sans', 'Noto Sans CJK SC', sans-serif; }
    table { border-collapse: collapse; table-layout: fixed; width: ${widths.reduce((a, b) => a + b, 0)}px; }
    td { border: 1px solid #e2e3e3; padding: 0 3px; height: 20px; white-space: nowrap; overflow: hidden; }
    td.h { font-weight: bold; background: #f8f9fa; }
  </style><table>${cols}${rows}</table>`;
}

it('shows every header, id and date whole at the widths setup sets', async () => {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  ok(rpc(host, 'createRecord', 'complaints', complaint({ details: '三楼到五楼的楼道灯晚上都不亮，已经一个星期了' })));
  const v = ok(rpc(host, 'createRecord', 'violations', violation()));
  ok(rpc(host, 'transition', 'violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '《管理规约》第十二条' }));
  ok(rpc(host, 'createRecord', 'passes', { holder: '赵阿姨', role: 'hourly_worker', unit: '2-1-101', issued_on: '2026-11-20', expires_on: '2026-12-20' }));
  if (!existsSync(ARTIFACTS)) mkdirSync(ARTIFACTS);
  const page = await browser.newPage({ viewport: { width: 1400, height: 120 } });
  try {
    for (const key of ['complaints', 'violations', 'passes'] as const) {
      const def = REGISTERS[key];
      const tab = def.label['zh-Hans'];
      const sheet = host.workbook.sheets.find((s) => s.name === tab)!;
      const grid = vm.runInContext(`SpreadsheetApp.getActive().getSheetByName(${JSON.stringify(tab)}).getDataRange().getDisplayValues()`, host.context) as string[][];
      const widths = grid[0].map((_, i) => sheet.columnWidths[i + 1] ?? 100);
      await page.setContent(tableHtml(widths, grid));
      // In slices a screen wide, to be looked at.
      const total = widths.reduce((a, b) => a + b, 0);
      for (let x = 0, n = 1; x < total; x += 1400, n++) {
        await page.screenshot({ path: join(ARTIFACTS, `sheet-${key}-${n}.png`), fullPage: true, clip: { x, y: 0, width: Math.min(1400, total - x), height: 20 * grid.length + 4 } });
      }
      // Cells whose text is wider than the cell: Sheets would show ### for a date, and clip an id or a header.
      const clipped = await page.$$eval('td', (tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => ({ col: Number(td.getAttribute('data-col')), text: td.textContent ?? '', header: td.classList.contains('h') })));
      const mustFit = new Set(sheetColumnsOf(def).filter((f) => f.type === 'date' || f.type === 'datetime' || f.key === 'id' || f.type === 'enum').map((f) => grid[0].indexOf(f.label['zh-Hans'])));
      expect([key, clipped.filter((c) => c.header || mustFit.has(c.col))]).toEqual([key, []]);
    }
  } finally {
    await page.close();
  }
});
