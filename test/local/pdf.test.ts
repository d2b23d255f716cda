// Renders every notice in every language to a real PDF with headless Chromium and reads it back with poppler.
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { buildNoticeModel, NOTICE_KEYS, noticeDef, renderNotice } from '../../src/domain/notices';
import { LANGS } from '../../src/domain/types';
import { PDF_CJK_FONT, PdfRenderer, renderPdf } from '../../src/local/pdf';
import { fixtureInput } from '../fixtures/notices/records';

const OUT = join(__dirname, '../../artifacts/notices');
const pdftotext = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/** pdffonts' rows as {name, type, emb}; CI installs poppler-utils, so a missing pdffonts fails the test. */
function pdfFonts(file: string): { name: string; type: string; emb: string }[] {
  let out: string;
  try {
    out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdffonts could not run (install poppler-utils: sudo apt-get install -y poppler-utils): ${String(e).split('\n')[0]}`);
  }
  // Columns: name, type (may hold spaces, e.g. "CID TrueType"), encoding, emb, sub, uni, object, id.
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1], type: m[2], emb: m[4] };
    });
}

describe('notices as PDF', () => {
  const renderer = new PdfRenderer();

  beforeAll(() => mkdirSync(OUT, { recursive: true }));
  afterAll(() => renderer.close());

  const cases = NOTICE_KEYS.flatMap((key) => LANGS.map((lang) => [key, lang] as const));
  test.each(cases)('%s in %s prints on A4 with its title as real text', async (key, lang) => {
    const html = renderNotice(key, buildNoticeModel(key, fixtureInput(key, lang)));
    const pdf = join(OUT, `${key}-${lang}.pdf`);
    expect(await renderer.render(html, pdf)).toEqual({ ok: true });

    const text = pdftotext(pdf);
    const title = noticeDef(key)!.label[lang];
    // Chinese comes back as characters, not boxes or glyph ids; spacing from letter-spacing is ignored.
    if (lang === 'en') expect(text.replace(/\s+/g, ' ')).toContain(title);
    else expect(squeeze(text)).toContain(squeeze(title));
    expect(squeeze(text)).toContain(lang === 'en' ? '25November2026' : '2026年11月25日');
    expect(text).not.toContain('CANARY');

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)|Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    // Every font is embedded, so the PDF reads the same on a machine without Noto CJK.
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.emb).toBe('yes');
    // Real fonts, not Chromium's Type 3 glyph fonts (about 100 of them for a page of Noto CJK).
    expect(fonts.filter((f) => f.type === 'Type 3')).toEqual([]);
    if (lang !== 'en') expect(fonts.some((f) => f.name.includes(PDF_CJK_FONT.replace(/\s/g, '')) && /TrueType/.test(f.type))).toBe(true);

    for (const old of [`${key}-${lang}-1.png`, `${key}-${lang}-01.png`]) rmSync(join(OUT, old), { force: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(OUT, `${key}-${lang}`)]);
    const png = [`${key}-${lang}-1.png`, `${key}-${lang}-01.png`].map((f) => join(OUT, f)).find(existsSync);
    expect(png).toBeDefined();
    expect(statSync(png!).size).toBeGreaterThan(5000);
  });

  test('a long household change list breaks across pages with the header row repeated', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      id: `HC-2026-${String(i).padStart(4, '0')}`,
      at: new Date(Date.UTC(2026, 10, 19, 2, i)),
      household_id: `H-2026-${String(i).padStart(4, '0')}`,
      unit: `${(i % 9) + 1}栋${100 + i}`,
      change: 'updated',
      before: '需要的帮助：每周买菜',
      after: '需要的帮助：每日送药上门',
      by: '客服 刘洋',
    }));
    const html = renderNotice('household_changes', buildNoticeModel('household_changes', { ...fixtureInput('household_changes', 'zh-Hans'), rows }));
    const pdf = join(OUT, 'household_changes-long.pdf');
    expect(await renderer.render(html, pdf)).toEqual({ ok: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    expect(squeeze(second)).toContain('变更前');
  });
});

describe('the PDF font', () => {
  test('a one-page Chinese notice embeds its CJK font as CID TrueType, regular and bold, in a small file', async () => {
    const html = renderNotice('rectification', buildNoticeModel('rectification', fixtureInput('rectification', 'zh-Hans')));
    const pdf = join(OUT, 'font-rectification.pdf');
    expect(await renderPdf(html, pdf)).toEqual({ ok: true });
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.type)).not.toContain('Type 3');
    const cjk = fonts.filter((f) => f.name.includes('LXGWWenKai'));
    expect(cjk.map((f) => f.type)).toEqual(['CID TrueType', 'CID TrueType']);
    // Filled-in values stay bold with the font's own Bold, not a synthesised one.
    expect(cjk.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['LXGWWenKai-Bold', 'LXGWWenKai-Regular']);
    // With Type 3 glyph fonts this page was about 280 KB.
    expect(statSync(pdf).size).toBeLessThan(150_000);
    expect(squeeze(pdftotext(pdf))).toContain('违章整改通知书');
  });
});

describe('renderPdf', () => {
  test('one document with a browser of its own', async () => {
    const html = renderNotice('fee_reminder', buildNoticeModel('fee_reminder', fixtureInput('fee_reminder', 'zh-Hans')));
    const pdf = join(OUT, 'render-pdf-once.pdf');
    expect(await renderPdf(html, pdf)).toEqual({ ok: true });
    expect(squeeze(pdftotext(pdf))).toContain('催缴函');
  });

  test('without Chromium it says so in one line and writes nothing', async () => {
    const pdf = join(OUT, 'no-chromium.pdf');
    const result = await renderPdf('<p>x</p>', pdf, '/nonexistent/chromium');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/Chromium not found at \/nonexistent\/chromium/);
    expect(result.message).not.toContain('\n');
    expect(existsSync(pdf)).toBe(false);
  });

  test('an unwritable path is reported, not thrown', async () => {
    const file = join(OUT, 'a-file.txt');
    writeFileSync(file, 'x');
    const result = await renderPdf('<p>x</p>', join(file, 'x.pdf'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^PDF not written to .*x\.pdf: /);
  });
});
