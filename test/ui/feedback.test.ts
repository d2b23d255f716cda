// The sidebar's start-up line reads as loading in the browser's language, and a roster card is named by its date and shift.
import { bootText } from '../../src/ui/feedback';
import { cardHeading, cardTitle, hasLifecycle } from '../../src/ui/cards';
import type { RecordInfo, RegisterInfo } from '../../src/ui/contract';

test.each([
  ['zh-CN', '正在加载…'],
  ['zh', '正在加载…'],
  ['zh-TW', '正在載入…'],
  ['zh-HK', '正在載入…'],
  ['en-GB', 'Loading…'],
  [undefined, '正在加载…'],
])('before the office language is known, %s reads %s', (lang, text) => {
  expect(bootText(lang)).toBe(text);
});

const rec = (extra: Partial<RecordInfo>): RecordInfo => ({ id: '', version: 1, state: '', title: '张三', at: null, actions: [], fields: {}, ...extra });
const reg = (extra: Partial<RegisterInfo>): RegisterInfo => ({ key: 'x', label: 'x', titleField: 't', fields: [], actions: [], ...extra });

test('a roster row is named "date shift · officer"; a record with an id by its id and title', () => {
  expect(cardHeading(rec({ label: '2026-11-30 夜班' }))).toBe('2026-11-30 夜班 · 张三');
  expect(cardTitle(rec({ label: '2026-11-30 夜班' }))).toBe('');
  expect(cardHeading(rec({ id: 'C-2026-0001', title: '楼道灯不亮' }))).toBe('C-2026-0001');
  expect(cardTitle(rec({ id: 'C-2026-0001', title: '楼道灯不亮' }))).toBe('楼道灯不亮');
});

test('only registers whose records close offer "open only"', () => {
  expect(hasLifecycle(reg({ stateField: 'status' }))).toBe(true);
  expect(hasLifecycle(reg({ actions: [{ key: 'close', label: '结案', from: ['open'], needs: [], accepts: [] }] }))).toBe(true);
  expect(hasLifecycle(reg({}))).toBe(false);
});
