// What every browser test shares: Debian's Chromium launched headless and offline, and reading text off the page.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository, the bundle the local host runs, and where screenshots go. */
export const ROOT = join(__dirname, '../..');
export const CODE = join(ROOT, 'dist/Code.js');
export const ARTIFACTS = join(ROOT, 'artifacts');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's chromium (apt-get install chromium), never a downloaded browser: CI installs exactly that. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, timeout: 60_000 });

export const textOf = async (page: Page, selector: string): Promise<string> => ((await page.textContent(selector)) ?? '').trim();

/** Waits until the element's text matches, and returns it. */
export async function waitText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    ([sel, src, flags]) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''),
    [selector, pattern.source, pattern.flags] as const,
  );
  return textOf(page, selector);
}
