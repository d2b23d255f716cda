// npm start: the add-on on a demo workbook — menu, tabs, overdue scan, a sample notice, then the sidebar in a browser.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main as cli } from './cli';
import { ROOT, withBook } from './session';

process.env.TZ = process.env.ESTATE_TZ || 'Asia/Shanghai';
const BOOK = join(ROOT, 'demo', 'estate.xlsx');
const USER = 'manager@estate.example';

function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

async function start(): Promise<number> {
  mkdirSync(join(ROOT, 'demo'), { recursive: true });
  if (!existsSync(BOOK)) {
    heading('Creating the demo workbook demo/estate.xlsx with sample data');
    const code = await cli(['init', BOOK, '--demo', '--as', USER]);
    if (code !== 0) return code;
  }
  await withBook(BOOK, { user: USER, save: false }, (host) => {
    host.call('onOpen');
    const menu = host.ui.menus[host.ui.menus.length - 1];
    heading(`onOpen added the menu ${menu.title}`);
    for (const item of menu.items) if (item.caption) console.log(`  • ${item.caption}  (${item.fn})`);
    heading('Tabs');
    for (const sheet of host.workbook.sheets) console.log(`  • ${sheet.name}${sheet.hidden ? ' (hidden)' : ''}`);
  });
  heading('The hourly overdue scan, once (emails in demo/outbox/)');
  await cli(['scan', BOOK, '--as', USER, '--outbox', join(ROOT, 'demo', 'outbox')]);
  heading('A sample notice (demo/notices/)');
  await cli(['notice', BOOK, 'V-2026-0001', '--template', 'rectification', '--as', USER, '--out', join(ROOT, 'demo', 'notices')]);
  if (process.env.ESTATE_NO_SERVE) return 0;
  heading('The sidebar, as the office manager');
  return cli(['serve', BOOK, '--as', USER, '--port', process.env.PORT ?? '8080']);
}

start().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
