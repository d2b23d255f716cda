// dist/Code.js in the local host: every entry point is a global function, and onOpen adds the 物业台账 menu.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createHost } from '../../src/local/host';
import { CODE, MANAGER, setUpBook, sheetNamed } from './book';

const entryPoints = [...readFileSync(join(__dirname, '../../src/main.ts'), 'utf8').matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]);

it('defines every entry point in src/main.ts as a global function', () => {
  const host = createHost({ codePath: CODE, user: MANAGER });
  expect(entryPoints.length).toBeGreaterThan(20);
  for (const name of entryPoints) expect(host.globals()).toContain(name);
});

it('adds the 物业台账 menu on open, before setup, whose items all run a global function', () => {
  const host = createHost({ codePath: CODE, user: MANAGER });
  host.call('onOpen', { authMode: vm.runInContext('ScriptApp.AuthMode.NONE', host.context) });
  const menu = host.ui.menus.at(-1)!;
  expect(menu.title).toBe('物业台账');
  const captions = menu.items.map((i) => i.caption);
  expect(captions).toEqual(['打开登记表单', '生成文书', '初始化台账', '安装提醒', '卸载提醒', '核验值班记录和归档', '归档过期记录', '自检', '确认人员权限', '导入旧台账', '批量生成催缴函']);
  for (const item of menu.items) expect(host.globals()).toContain(item.fn);
});

it('speaks the office language set in Settings', () => {
  const host = setUpBook();
  const settings = sheetNamed(host, '设置').rows;
  settings.find((r) => r && r[0] === 'lang')![1] = 'zh-Hant';
  host.call('onOpen');
  expect(host.ui.menus.at(-1)!.title).toBe('物業台賬');
  settings.find((r) => r && r[0] === 'lang')![1] = 'en';
  host.call('onOpen');
  expect(host.ui.menus.at(-1)!.items[0].caption).toBe('Open the form');
});

it('opens the sidebar from the menu with the built HTML', () => {
  const host = setUpBook();
  host.call('showSidebar');
  const sidebar = host.ui.sidebars.at(-1)!;
  expect(sidebar.title).toBe('物业台账登记');
  expect(sidebar.content).toContain('google.script.run');
});

it('reports setup from the menu as an alert', () => {
  const host = setUpBook();
  host.call('setupWorkbookFromMenu');
  expect(host.ui.alerts.at(-1)!.message).toBe('台账已初始化');
});
