// The edit form's pure parts: stored values into form values, only changes sent, the schema's own checks, and what a conflict lists.
import type { FieldInfo, RegisterInfo } from '../../src/ui/contract';
import { changesSince, editErrors, editFields, editPayload, toRaw } from '../../src/ui/edit';
import { householdLabel, matchHouseholds } from '../../src/ui/pickers';

const OFFSET = '+08:00';
const T = (key: string) => ({ 'edit.blank': '（空）', 'ui.yes': '是', 'ui.no': '否' })[key] ?? key;
const f = (key: string, type: FieldInfo['type'], extra: Partial<FieldInfo> = {}): FieldInfo => ({ key, type, label: key, ...extra });

const fields: FieldInfo[] = [
  f('received_at', 'datetime', { required: true, past: true, label: '受理时间' }),
  f('complainant', 'text', { required: true, label: '投诉人' }),
  f('phone', 'text', { phone: true, masked: true, label: '联系电话' }),
  f('subject', 'text', { required: true, label: '投诉事项' }),
  f('details', 'longtext', { label: '详细情况' }),
  f('channel', 'enum', { label: '投诉方式', options: [{ value: 'phone', label: '电话' }, { value: 'visit', label: '来访' }] }),
];

test('a stored time shows as the office wall clock, a list as its ticked options, blank as empty', () => {
  expect(toRaw(fields[0], '2026-11-02T08:15:00+08:00', OFFSET)).toBe('2026-11-02T08:15');
  expect(toRaw(f('categories', 'list'), ['elderly_alone', 'veteran'], OFFSET)).toEqual(['elderly_alone', 'veteran']);
  expect(toRaw(f('paid', 'boolean'), true, OFFSET)).toBe(true);
  expect(toRaw(fields[1], null, OFFSET)).toBe('');
});

test('only changed fields are sent; a cleared one is sent blank; a masked phone left blank is not sent at all', () => {
  const before = { received_at: '2026-11-02T08:15', complainant: '王女士', phone: '', subject: '楼道灯不亮', details: '三楼', channel: 'phone' };
  expect(editPayload(fields, before, { ...before }, OFFSET)).toEqual({});
  expect(editPayload(fields, before, { ...before, subject: ' 楼道灯坏了 ', details: '' }, OFFSET)).toEqual({ subject: '楼道灯坏了', details: '' });
  expect(editPayload(fields, before, { ...before, received_at: '2026-11-02T08:10' }, OFFSET)).toEqual({ received_at: '2026-11-02T08:10:00+08:00' });
  expect(editPayload(fields, before, { ...before, phone: '13900002222' }, OFFSET)).toEqual({ phone: '13900002222' });
});

test("the edit payload is checked by the server's schema with its words: a required field cleared, a phone that is not one", () => {
  const ctx = { nowMs: Date.parse('2026-11-02T09:00:00+08:00'), lang: 'zh-Hans' };
  expect(editErrors('complaints', { complainant: '' }, ctx)).toEqual({ complainant: '必填' });
  expect(editErrors('complaints', { phone: '请回电' }, ctx)).toEqual({ phone: expect.stringContaining('请填写电话号码') });
  expect(editErrors('complaints', { details: '' }, ctx)).toEqual({});
  expect(editErrors('complaints', { received_at: '2026-11-02T09:30:00+08:00' }, ctx)).toEqual({ received_at: '不能晚于当前时间' });
});

test('the edit form leaves out what only an action changes', () => {
  const reg = { key: 'complaints', label: '投诉', titleField: 'subject', actions: [], fields: [...fields, f('class', 'enum', { byAction: 'reclassify' }), f('status', 'enum', { stamped: true }), f('id', 'text', { system: true })] } as RegisterInfo;
  expect(editFields(reg).map((x) => x.key)).toEqual(['received_at', 'complainant', 'phone', 'subject', 'details', 'channel']);
});

test("a conflict lists each field someone else changed: the user's value → the stored one, options and blanks in words", () => {
  const loaded = { id: 'C-1', version: 1, values: { subject: '楼道灯不亮', details: null, channel: 'phone', complainant: '王女士' }, masked: { phone: '139****1111' } };
  const current = { id: 'C-1', version: 2, values: { subject: '灯已换', details: '电工已到场', channel: 'visit', complainant: '王女士' }, masked: { phone: '139****2222' } };
  const mine = { complainant: '王女士', subject: '灯仍不亮', details: '', channel: 'phone', phone: '', received_at: '' };
  expect(changesSince(fields, loaded, current, mine, OFFSET, T)).toEqual([
    { key: 'phone', label: '联系电话', mine: '139****1111', current: '139****2222' },
    { key: 'subject', label: '投诉事项', mine: '灯仍不亮', current: '灯已换' },
    { key: 'details', label: '详细情况', mine: '（空）', current: '电工已到场' },
    { key: 'channel', label: '投诉方式', mine: '电话', current: '来访' },
  ]);
  expect(changesSince(fields, loaded, loaded, mine, OFFSET, T)).toEqual([]);
});

test('households are offered as "unit · name" and found by either', () => {
  const hs = [{ id: 'H-1', unit: '3-1201', name: '陈伯' }, { id: 'H-2', unit: '5-0602', name: '林阿姨' }, { id: 'H-3', unit: '', name: '' }];
  expect(hs.map(householdLabel)).toEqual(['3-1201 · 陈伯', '5-0602 · 林阿姨', 'H-3']);
  expect(matchHouseholds(hs, '林').map((h) => h.id)).toEqual(['H-2']);
  expect(matchHouseholds(hs, '3-12').map((h) => h.id)).toEqual(['H-1']);
  expect(matchHouseholds(hs, '5-06 林').map((h) => h.id)).toEqual(['H-2']);
  expect(matchHouseholds(hs, '').length).toBe(3);
});
