// The overdue digest as a phone shows it: the sent HTML in headless Chromium at 390 px, stacked and without sideways scrolling.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { as, CLERK, complaint, fireScan, MANAGER, ok, rpc, setUpBook, SUPERVISOR } from '../e2e/book';
import { lateDay } from '../e2e/late-day';

const ARTIFACTS = join(__dirname, '../../artifacts');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The supervisor's and the manager's digests of a late day, with a long unbroken link a clerk pasted into a subject. */
function digests(): Record<string, string> {
  const host = setUpBook({ now: '2026-11-25T11:30:00+08:00' });
  lateDay(host);
  // The same day in English, whose words are longer.
  const en = setUpBook({ now: '2026-11-25T11:30:00+08:00', lang: 'en' });
  as(en, CLERK, () => ok(rpc(en, 'createRecord', 'complaints', complaint({ received_at: '2026-11-20T09:00:00+08:00', unit: 'Block 12, Unit 3-1502', subject: 'Intercom at the north gate has been broken for a week' }))));
  ok(as(en, SUPERVISOR, () => rpc(en, 'transition', 'complaints', 'C-2026-0001', 1, 'dispatch', { department: 'Engineering and maintenance', at: '2026-11-20T09:05:00+08:00' })));
  en.setNow('2026-11-25T12:00:00+08:00');
  fireScan(en);
  as(host, CLERK, () =>
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T10:00:00+08:00', unit: '12-3-1502', subject: '业主发来的照片链接https://photos.example.com/album/2026/11/25/IMG_20261125_093012_0001234567890.jpg 请核实' }))),
  );
  host.setNow('2026-11-25T12:00:00+08:00');
  fireScan(host);
  const html = (who: string) => host.outbox.find((m) => m.to.includes(who) && m.subject.includes('逾期提醒'))!.htmlBody!;
  return { supervisor: html(SUPERVISOR), manager: html(MANAGER), en: en.outbox.find((m) => m.to.includes(SUPERVISOR) && m.subject.includes('overdue'))!.htmlBody! };
}

it('reads on a 390 px phone: one column of item blocks, nothing wider than the screen', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const mails = digests();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', javaScriptEnabled: false });
  try {
    for (const [who, html] of Object.entries(mails)) {
      const page = await context.newPage();
      // No request leaves the page: an email may not load anything.
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html, { waitUntil: 'load' });
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        blocks: Array.from(document.querySelectorAll('table')).map((t) => {
          const b = t.getBoundingClientRect();
          return { x: Math.round(b.left), y: Math.round(b.top), right: Math.round(b.right) };
        }),
        summary: document.querySelector('p')?.textContent ?? '',
        smallest: Math.min(...Array.from(document.querySelectorAll('a, div, p')).map((e) => parseFloat(getComputedStyle(e).fontSize))),
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.bodyScrollWidth).toBeLessThanOrEqual(390);
      // Every item is a block of its own, one under the other, at the same left edge.
      expect(layout.blocks.length).toBeGreaterThanOrEqual(3);
      for (const [n, b] of layout.blocks.entries()) {
        expect(b.x).toBe(layout.blocks[0].x);
        expect(b.right).toBeLessThanOrEqual(390);
        if (n) expect(b.y).toBeGreaterThan(layout.blocks[n - 1].y);
      }
      expect(layout.summary).toMatch(who === 'en' ? /^\d+ overdue; the longest is/ : /^共 \d+ 项逾期，最久的是/);
      expect(layout.smallest).toBeGreaterThanOrEqual(12);
      expect(requests).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, who === 'supervisor' ? 'digest-390.png' : `digest-390-${who}.png`), fullPage: true });
      await page.close();
    }
  } finally {
    await context.close();
  }
});
