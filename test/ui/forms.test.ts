// The sidebar's pure helpers: office-time conversion, form values → the payload the server receives, and the server's own checks run early.
import type { FieldInfo, RegisterInfo } from '../../src/ui/contract';
import {
  actionFields,
  clientNow,
  defaultValues,
  displayTime,
  dutyPayload,
  failureMessage,
  firstWritable,
  formFields,
  isoToLocal,
  localToIso,
  offsetOf,
  recordActions,
  safeUrl,
  say,
  splitLater,
  stateLabel,
  toPayload,
  entryErrors,
  actionErrors,
  noticeTarget,
  canFillRoster,
  rosterMessage,
  type Payload,
} from '../../src/ui/forms';
import { msg, type MessageKey } from '../../src/domain/messages';
import type { Lang } from '../../src/domain/types';

const text: Record<string, string> = {
  'err.required': '必填',
  'err.number': '请输入数字',
  'err.conflict': '记录已被他人修改，请刷新后再试',
  'ui.saved': '已登记，编号 {id}',
  'state.open': '未结',
  'roster.filled': '已生成 {year} 年 {month} 月值班表，共 {count} 个班次',
};
const NOW = '2026-11-02T09:00:00+08:00';

const complaintFields: FieldInfo[] = [
  { key: 'received_at', type: 'datetime', label: '受理时间', required: true, past: true },
  { key: 'complainant', type: 'text', label: '投诉人', required: true },
  { key: 'unit', type: 'text', label: '房号', unit: true },
  { key: 'subject', type: 'text', label: '投诉事项', required: true },
  {
    key: 'class',
    type: 'enum',
    label: '类别',
    required: true,
    options: [
      { value: 'minor', label: '轻微' },
      { value: 'important', label: '重要' },
      { value: 'major', label: '重大' },
      { value: 'invalid', label: '无效' },
    ],
  },
  { key: 'status', type: 'enum', label: '状态', stamped: true, options: [{ value: 'received', label: '已受理' }, { value: 'resolved', label: '已处理完毕' }] },
  { key: 'dispatched_at', type: 'datetime', label: '派单时间', stamped: true, past: true },
  { key: 'department', type: 'text', label: '责任部门' },
  { key: 'resolution', type: 'longtext', label: '处理结果' },
  { key: 'id', type: 'text', label: '编号', system: true },
];
const complaints: RegisterInfo = {
  key: 'complaints',
  label: '投诉',
  idPrefix: 'C-',
  stateField: 'status',
  titleField: 'subject',
  fields: complaintFields,
  actions: [
    { key: 'dispatch', label: '派单', from: ['received'], needs: ['department'], accepts: ['department'] },
    { key: 'resolve', label: '处理完毕', from: ['received'], needs: [], accepts: ['resolution'] },
    { key: 'close', label: '结案', from: ['resolved'], needs: [], accepts: [], allowed: false },
  ],
};

describe('office time', () => {
  test.each([
    ['2026-11-02T09:00:00+08:00', '+08:00'],
    ['2026-11-02T09:00:00-05:30', '-05:30'],
    ['2026-11-02T09:00:00+0800', '+08:00'],
    ['2026-11-02T01:00:00Z', '+00:00'],
    ['2026-11-02T01:00:00.000Z', '+00:00'],
  ])('offsetOf(%s) is %s', (iso, offset) => expect(offsetOf(iso)).toBe(offset));

  test.each([
    ['2026-11-02T09:30', '+08:00', '2026-11-02T09:30:00+08:00'],
    ['2026-11-02T09:30:15', '+08:00', '2026-11-02T09:30:15+08:00'],
    ['2026-12-31T23:59', '-05:00', '2026-12-31T23:59:00-05:00'],
  ])('localToIso(%s, %s) is %s', (local, offset, iso) => expect(localToIso(local, offset)).toBe(iso));

  test.each(['', '2026-11-02', '2026-02-30T10:00', '2026-11-02T24:00', '2026-11-02 09:30', 'yesterday'])('localToIso refuses %j', (local) => {
    expect(localToIso(local, '+08:00')).toBeNull();
  });

  test.each([
    ['2026-11-02T09:30:00+08:00', '+08:00', '2026-11-02T09:30'],
    ['2026-11-02T01:30:00Z', '+08:00', '2026-11-02T09:30'],
    ['2026-11-01T20:00:00-05:00', '+08:00', '2026-11-02T09:00'],
    ['2026-11-02T17:30:00+08:00', '+00:00', '2026-11-02T09:30'],
    ['nonsense', '+08:00', ''],
  ])('isoToLocal(%s, %s) is %j', (iso, offset, local) => expect(isoToLocal(iso, offset)).toBe(local));

  test('an office time survives the round trip to ISO and back', () => {
    const iso = localToIso('2026-11-02T23:45', '+08:00')!;
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-02T15:45:00Z'));
    expect(isoToLocal(iso, '+08:00')).toBe('2026-11-02T23:45');
  });

  test.each([
    ['2026-11-02T01:05:00Z', '2026-11-02 09:05'],
    ['2026-11-02', '2026-11-02'],
    ['', ''],
  ])('displayTime(%j) is %j in the office', (value, shown) => expect(displayTime(value, '+08:00')).toBe(shown));

  test("the sidebar's now is the server's now plus the time the page has been open", () => {
    const loaded = 1_000_000;
    expect(clientNow(NOW, loaded, loaded + 90_000)).toBe(Date.parse('2026-11-02T09:01:30+08:00'));
    expect(clientNow(NOW, loaded, loaded - 5)).toBe(Date.parse(NOW));
  });
});

describe('toPayload', () => {
  const fields = formFields(complaints);

  test('the form shows neither system nor stamped fields', () => {
    expect(fields.map((f) => f.key)).toEqual(['received_at', 'complainant', 'unit', 'subject', 'class', 'department', 'resolution']);
  });

  test('a complete complaint becomes ISO times and trimmed text; blanks are left out', () => {
    const payload = toPayload(
      fields,
      { received_at: '2026-11-02T08:40', complainant: ' 王女士 ', unit: '3-1201', subject: '楼道灯不亮', class: 'minor', department: '', resolution: '  ' },
      '+08:00',
    );
    expect(payload).toEqual({ received_at: '2026-11-02T08:40:00+08:00', complainant: '王女士', unit: '3-1201', subject: '楼道灯不亮', class: 'minor' });
  });

  test('numbers become numbers, a list stays a list, a checkbox is always sent; what cannot be converted goes as typed', () => {
    const mixed: FieldInfo[] = [
      { key: 'amount', type: 'number', label: '金额' },
      { key: 'helpers', type: 'number', label: '保姆人数' },
      { key: 'found_at', type: 'datetime', label: '发现时间' },
      { key: 'categories', type: 'list', label: '类别' },
      { key: 'paid', type: 'boolean', label: '有偿服务' },
      { key: 'flag', type: 'boolean', label: '未勾选' },
    ];
    expect(toPayload(mixed, { amount: ' 200.5 ', helpers: '两个', found_at: '2026-02-30T08:00', categories: ['tenant'], paid: true, flag: false }, '+08:00')).toEqual({
      amount: 200.5,
      helpers: '两个',
      found_at: '2026-02-30T08:00',
      categories: ['tenant'],
      paid: true,
      flag: false,
    });
  });
});

/** The server's own words, so a test fails if the sidebar ever words a check differently. */
const server = (key: MessageKey, lang: Lang = 'zh-Hans') => msg(key, lang);

describe("entryErrors: the server's zod schema, run in the sidebar", () => {
  const check = { nowMs: Date.parse(NOW), lang: 'zh-Hans' };
  const good = { received_at: '2026-11-02T08:00:00+08:00', complainant: '王女士', subject: '噪音', class: 'minor' };

  test('a complete complaint passes', () => expect(entryErrors('complaints', good, check)).toEqual({}));

  test("each missing required field gets the server's 必填", () => {
    expect(server('required')).toBe('必填');
    expect(entryErrors('complaints', {}, check)).toEqual({ received_at: '必填', complainant: '必填', subject: '必填', class: '必填' });
  });

  test.each([
    ['zh-Hant', '必填'],
    ['en', 'Required'],
    ['klingon', '必填'],
  ])('in %s a missing field says %s', (lang, text) => {
    expect(entryErrors('complaints', { ...good, subject: undefined } as never, { ...check, lang })).toEqual({ subject: text });
  });

  test.each([
    ['a time after now', 'complaints', { received_at: '2026-11-02T09:01:00+08:00' }, 'received_at', server('future')],
    ['a time that does not exist', 'complaints', { received_at: '2026-02-30T08:00' }, 'received_at', server('bad_datetime')],
    ['a class outside the options', 'complaints', { class: 'severe' }, 'class', server('bad_option')],
    ['a subject over 500 characters', 'complaints', { subject: '吵'.repeat(501) }, 'subject', msg('too_long', 'zh-Hans', { max: 500 })],
    ['an amount in words', 'violations', { amount: '两百' }, 'amount', server('not_number')],
    ['a date that does not exist', 'households', { due_date: '2026-13-01' }, 'due_date', server('bad_date')],
    ['a category not on the list', 'households', { categories: ['tenant', 'alien'] }, 'categories', server('bad_list')],
    ['no category at all', 'households', { categories: [] }, 'categories', server('required')],
    ['an email without a domain', 'roles', { email: 'nobody' }, 'email', server('not_email')],
  ])("%s is refused with the server's message", (_what, register, bad, key, message) => {
    const base: Record<string, Payload> = {
      complaints: good,
      violations: { found_at: '2026-11-02T08:00:00+08:00', unit: '5-302', category: 'fees', severity: 'general', description: '欠费' },
      households: { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'] },
      roles: { email: 'li@estate.example', roles: ['clerk'] },
    };
    expect(entryErrors(register, { ...base[register], ...bad } as Payload, check)).toEqual({ [key]: message });
  });

  test('now itself is not in the future', () => {
    expect(entryErrors('complaints', { ...good, received_at: '2026-11-02T09:00:00+08:00' }, check)).toEqual({});
  });

  test('a field the form does not offer is refused as the server would', () => {
    expect(entryErrors('complaints', { ...good, status: 'closed' }, check)).toEqual({ status: server('not_editable') });
  });

  test('a register this bundle does not know is left to the server', () => {
    expect(entryErrors('parking', {}, check)).toEqual({});
  });
});

describe('actionErrors: as transition checks an action', () => {
  const check = { nowMs: Date.parse(NOW), lang: 'zh-Hans' };

  test.each([
    ['complaints', 'dispatch', {}, { department: '必填' }],
    ['complaints', 'dispatch', { department: '工程部' }, {}],
    ['complaints', 'resolve', {}, {}],
    ['complaints', 'resolve', { resolution: '已修复' }, {}],
    ['complaints', 'notify', { at: '2026-11-02T09:30:00+08:00' }, { at: server('future') }],
    ['complaints', 'notify', { at: '2026-11-02T08:30:00+08:00' }, {}],
    ['violations', 'order_rectification', { rule_broken: '管理规约第十条' }, { rectify_by: '必填' }],
    // The deadline is a plan, so a future rectify-by is fine.
    ['violations', 'order_rectification', { rectify_by: '2026-11-09T18:00:00+08:00' }, {}],
    ['violations', 'serve_cut_notice', { cut_planned_at: '2026-11-09T09:00:00+08:00', amount: '很多' }, { amount: server('not_number') }],
    ['violations', 'educate', { amount: 100 }, { amount: server('not_editable') }],
  ])('%s %s with %j → %j', (register, action, payload, errors) => {
    expect(actionErrors(register, action, payload as Payload, check)).toEqual(errors);
  });
});

describe('forms and records', () => {
  test('a required time of something that happened starts at now, in office time', () => {
    expect(defaultValues(formFields(complaints), NOW, '+08:00')).toEqual({ received_at: '2026-11-02T09:00' });
  });

  test('optional fields an action fills later fold away; required ones stay', () => {
    const { now, later } = splitLater(complaints, formFields(complaints));
    expect(now.map((f) => f.key)).toEqual(['received_at', 'complainant', 'unit', 'subject', 'class']);
    expect(later.map((f) => f.key)).toEqual(['department', 'resolution']);
  });

  test('an action asks for what it needs (required) and what it accepts (optional)', () => {
    const dispatch = actionFields(complaints, complaints.actions[0]);
    expect(dispatch.map((f) => [f.key, f.required])).toEqual([['department', true]]);
    const resolve = actionFields(complaints, complaints.actions[1]);
    expect(resolve.map((f) => [f.key, Boolean(f.required)])).toEqual([['resolution', false]]);
  });

  test('a record offers only the actions the server allows now, in register order', () => {
    const rec = { id: 'C-2026-0001', version: 1, state: 'received', title: '噪音', at: NOW, actions: ['resolve', 'dispatch', 'close'], fields: {} };
    expect(recordActions(complaints, rec).map((a) => a.key)).toEqual(['dispatch', 'resolve']);
  });

  test.each([
    ['received', '已受理'],
    ['unknown_state', 'unknown_state'],
  ])('the state %s shows as %s', (state, label) => expect(stateLabel(complaints, state, text)).toBe(label));

  test('a register without a state field uses the generic words', () => {
    expect(stateLabel({ ...complaints, stateField: undefined }, 'open', text)).toBe('未结');
  });

  test('the sidebar opens on the first register a clerk can write into', () => {
    const regs = [{ ...complaints, key: 'household_changes', systemOnly: true }, { ...complaints, key: 'roles', canCreate: false }, complaints];
    expect(firstWritable(regs)?.key).toBe('complaints');
  });

  test("a failure shows the server's message, else the text for its code", () => {
    expect(failureMessage({ ok: false, code: 'conflict', message: '' }, text)).toBe('记录已被他人修改，请刷新后再试');
    expect(failureMessage({ ok: false, code: 'forbidden', message: '只有经理可以决定处罚' }, text)).toBe('只有经理可以决定处罚');
  });

  test('say fills placeholders and shows unknown keys as themselves', () => {
    expect(say(text, 'ui.saved', { id: 'C-2026-0007' })).toBe('已登记，编号 C-2026-0007');
    expect(say(text, 'no.key')).toBe('no.key');
  });

  test('only web links become clickable', () => {
    expect(safeUrl('https://docs.google.com/document/d/x')).toBe('https://docs.google.com/document/d/x');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('file:///tmp/x.pdf')).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
  });
});

describe('dutyPayload', () => {
  test.each([
    [{ kind: 'entry', text: ' 巡查完毕，一切正常 ' }, { kind: 'entry', text: '巡查完毕，一切正常' }, {}],
    [{ kind: 'entry', text: '  ' }, { kind: 'entry' }, { text: '必填' }],
    [{ kind: 'correction', text: '更正：时间应为 21:10', corrects: '12' }, { kind: 'correction', text: '更正：时间应为 21:10', corrects: 12 }, {}],
    [{ kind: 'correction', text: '更正', corrects: '' }, { kind: 'correction', text: '更正' }, { corrects: '必填' }],
    [{ kind: 'correction', text: '更正', corrects: '1.5' }, { kind: 'correction', text: '更正', corrects: '1.5' }, { corrects: '应为数字' }],
    [
      { kind: 'handover', text: '', incoming: '李四', openItems: '3 号楼电梯待修', corrects: '4' },
      { kind: 'handover', incoming: '李四', openItems: '3 号楼电梯待修' },
      {},
    ],
    [{ kind: 'handover', text: '设备正常', incoming: ' ' }, { kind: 'handover', text: '设备正常' }, { incoming: '必填' }],
  ])('%j → %j', (input, payload, errors) => {
    // The same schema as the server's appendDutyLog, with its wording.
    expect(dutyPayload(input, { nowMs: Date.parse('2026-11-25T09:00:00+08:00'), lang: 'zh-Hans' })).toEqual({ payload, errors });
  });
});

describe('the record selected in the sheet', () => {
  const regs = ['complaints', 'violations', 'household_changes', 'households', 'duty_log'].map((key) => ({ ...complaints, key }));

  test.each([
    [{ register: 'violations', id: 'V-2026-0001' }, 'violations', 'V-2026-0001'],
    [{ register: 'complaints', id: 'C-2026-0003' }, 'complaints', 'C-2026-0003'],
    [{ register: 'household_changes', id: 'HC-2026-0002' }, 'household_changes', 'HC-2026-0002'],
  ])('%j opens that register on its notices', (selected, register, id) => {
    const target = noticeTarget(selected, regs);
    expect([target?.register.key, target?.id]).toEqual([register, id]);
  });

  test.each([
    ['nothing selected', null],
    ['a key household (no notices of its own)', { register: 'households', id: 'H-2026-0001' }],
    ['a row without an id', { register: 'violations', id: '' }],
    ['a register this user is not shown', { register: 'passes', id: 'P-2026-0001' }],
  ])('%s: the sidebar opens as usual', (_what, selected) => {
    expect(noticeTarget(selected, regs)).toBeNull();
  });
});

describe('the roster button', () => {
  test.each([
    [['supervisor'], true],
    [['manager'], true],
    [['clerk', 'supervisor'], true],
    [['clerk'], false],
    [['security'], false],
    [[], false],
  ])('roles %j: shown %s', (roles, shown) => expect(canFillRoster(roles)).toBe(shown));

  test.each([
    [{ ok: true as const, month: '2026-12', count: 31 }, '已生成 2026 年 12 月值班表，共 31 个班次'],
    [{ ok: true as const, month: '2027-02', count: 29 }, '已生成 2027 年 2 月值班表，共 29 个班次'],
    [{ ok: false as const, code: 'precondition', message: '2026-12 的值班表已存在，不会覆盖' }, '2026-12 的值班表已存在，不会覆盖'],
    [{ ok: false as const, code: 'conflict', message: '' }, '记录已被他人修改，请刷新后再试'],
  ])('%j → %s', (reply, line) => expect(rosterMessage(reply, text)).toBe(line));
});
