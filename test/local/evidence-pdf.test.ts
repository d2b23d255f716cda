// The evidence pack as a printed PDF: a long history runs over pages with its header row on each, and no row is lost at a page break.
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { buildNoticeModel, renderNotice } from '../../src/domain/notices';
import { renderPdf } from '../../src/local/pdf';
import { EVIDENCE, fixtureInput } from '../fixtures/notices/records';

const OUT = join(__dirname, '../../artifacts/notices');
const squeeze = (s: string): string => s.replace(/\s+/g, '');

test('a long timeline repeats its header on every page and prints every row', async () => {
  mkdirSync(OUT, { recursive: true });
  const timeline = Array.from({ length: 70 }, (_, i) => ({ at: `2026-11-${String(1 + (i % 27)).padStart(2, '0')}T09:00:00+08:00`, by: '李晓梅 <clerk@example.com>', label: '修改', version: i + 1, changes: `具体情形：第${i}次 → 第${i + 1}次` }));
  const input = { ...fixtureInput('evidence_pack', 'zh-Hans'), evidence: { ...EVIDENCE, timeline } };
  const pdf = join(OUT, 'evidence_pack-long.pdf');
  expect(await renderPdf(renderNotice('evidence_pack', buildNoticeModel('evidence_pack', input)), pdf)).toEqual({ ok: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThan(3);
  // Page 1 is the cover; the history runs from page 2 over at least two pages, each with its header row.
  for (const page of [2, 3]) expect(squeeze(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }))).toContain('时间操作版本操作人变更内容');
  const text = squeeze(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
  for (let i = 0; i < 70; i++) expect(text).toContain(`具体情形：第${i}次→第${i + 1}次`);
  expect(text).toContain('核验：“变更记录”核验通过');
}, 60_000);
