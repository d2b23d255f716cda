// Local HTML→PDF rendering with the system's headless Chromium (Node only); one browser serves many notices.
import { existsSync } from 'fs';
import { mkdir } from 'fs/promises';
import { dirname } from 'path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium's PDF writer turns OpenType/CFF fonts (Noto CJK, the notices' own first choice) and any
 * synthesised bold into Type 3 glyph fonts: ~100 of them and ~280 KB a page, which some viewers and
 * printers render badly. LXGW WenKai (Debian fonts-lxgw-wenkai) is TrueType with a real Bold, so it is
 * embedded as two CID TrueType subsets; synthesis is off so a missing weight never falls back to Type 3.
 * Only the local PDF gets this: the HTML sent to Google Docs keeps its own fonts.
 */
export const PDF_CJK_FONT = 'LXGW WenKai';
const PDF_FONT_CSS = `<style>
body, body.lang-zh-Hans, body.lang-zh-Hant, h1 { font-family: "${PDF_CJK_FONT}", "Noto Serif CJK SC", serif; }
body.lang-en { font-family: "Liberation Serif", "Times New Roman", "${PDF_CJK_FONT}", serif; }
body.lang-en h1 { font-family: "Liberation Sans", Arial, "${PDF_CJK_FONT}", sans-serif; }
* { font-synthesis: none; }
</style>`;

/** The notice with the PDF's font rules last in its head, so they win over the notice's own. */
export function withPdfFonts(html: string): string {
  const at = html.search(/<\/head>/i);
  return at < 0 ? PDF_FONT_CSS + html : html.slice(0, at) + PDF_FONT_CSS + html.slice(at);
}

export type PdfResult = { ok: true } | { ok: false; message: string };

/** The first line of an error, without Playwright's call log, for a one-line message. */
const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0].trim();

/** Keeps one headless Chromium open across several PDFs: open() once, render() many, close(). */
export class PdfRenderer {
  private browser: Browser | null = null;

  constructor(private readonly executablePath: string = CHROMIUM_PATH) {}

  /** Starts the browser; ok:false (never a throw) when Chromium is missing or will not start. */
  async open(): Promise<PdfResult> {
    if (this.browser) return { ok: true };
    if (!existsSync(this.executablePath)) {
      return { ok: false, message: `Chromium not found at ${this.executablePath}; only the HTML was written (install chromium to get PDFs)` };
    }
    try {
      this.browser = await chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS });
      return { ok: true };
    } catch (e) {
      return { ok: false, message: `Chromium at ${this.executablePath} did not start: ${firstLine(e)}` };
    }
  }

  /** Prints one HTML document to an A4 PDF at outPath (the notice's own @page rules win). */
  async render(html: string, outPath: string): Promise<PdfResult> {
    const opened = await this.open();
    if (!opened.ok) return opened;
    const page = await this.browser!.newPage();
    try {
      // Notices are self-contained: nothing should be fetched while printing.
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(withPdfFonts(html), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await mkdir(dirname(outPath), { recursive: true });
      await page.pdf({ path: outPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
      return { ok: true };
    } catch (e) {
      return { ok: false, message: `PDF not written to ${outPath}: ${firstLine(e)}` };
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await b.close().catch(() => undefined);
  }
}

/** One PDF with a browser of its own; for several, use PdfRenderer. */
export async function renderPdf(html: string, outPath: string, executablePath: string = CHROMIUM_PATH): Promise<PdfResult> {
  const renderer = new PdfRenderer(executablePath);
  try {
    return await renderer.render(html, outPath);
  } finally {
    await renderer.close();
  }
}
