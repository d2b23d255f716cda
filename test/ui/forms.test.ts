// The sidebar's pure helpers: office-time conversion and form values → the payload the server receives.
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
} from '../../src/ui/forms';

const text: Record<string, string> = {
  'err.required': '必填',
  'err.format': '格式不对',
  'err.future': '不能晚于当前时间',
  'err.number': '请输入数字',
  'err.email': '邮箱格式不对',
  'err.option': '请从选项中选择',
  'err.conflict': '记录已被他人修改，请刷新后再试',
  'ui.saved': '已登记，编号 {id}',
  'state.open': '未结',
};
const NOW = '2026-11-02T09:00:00+08:00';
const ctx = { offset: '+08:00', nowMs: Date.parse(NOW), text };

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
    const { payload, errors } = toPayload(
      fields,
      { received_at: '2026-11-02T08:40', complainant: ' 王女士 ', unit: '3-1201', subject: '楼道灯不亮', class: 'minor', department: '', resolution: '  ' },
      ctx,
    );
    expect(errors).toEqual({});
    expect(payload).toEqual({ received_at: '2026-11-02T08:40:00+08:00', complainant: '王女士', unit: '3-1201', subject: '楼道灯不亮', class: 'minor' });
  });

  test('each missing required field gets 必填', () => {
    const { payload, errors } = toPayload(fields, { received_at: '', complainant: '  ', subject: '', class: '' }, ctx);
    expect(errors).toEqual({ received_at: '必填', complainant: '必填', subject: '必填', class: '必填' });
    expect(payload).toEqual({});
  });

  test.each([
    ['a time after now', { received_at: '2026-11-02T09:01' }, 'received_at', '不能晚于当前时间'],
    ['a time that does not exist', { received_at: '2026-02-30T08:00' }, 'received_at', '格式不对'],
    ['a class outside the options', { class: 'severe' }, 'class', '请从选项中选择'],
  ])('%s is refused', (_what, bad, key, message) => {
    const good = { received_at: '2026-11-02T08:00', complainant: '王女士', subject: '噪音', class: 'minor' };
    const { errors, payload } = toPayload(fields, { ...good, ...bad }, ctx);
    expect(errors).toEqual({ [key]: message });
    expect(payload).not.toHaveProperty(key);
  });

  test('now itself is not in the future', () => {
    const { errors } = toPayload(fields, { received_at: '2026-11-02T09:00', complainant: '甲', subject: '乙', class: 'minor' }, ctx);
    expect(errors).toEqual({});
  });

  test('numbers, emails, dates, lists and booleans', () => {
    const mixed: FieldInfo[] = [
      { key: 'amount', type: 'number', label: '金额' },
      { key: 'email', type: 'email', label: '邮箱' },
      { key: 'due_date', type: 'date', label: '预产期' },
      { key: 'categories', type: 'list', label: '类别', required: true, options: [{ value: 'tenant', label: '租户' }, { value: 'pregnant', label: '孕妇' }] },
      { key: 'paid', type: 'boolean', label: '有偿服务' },
    ];
    expect(toPayload(mixed, { amount: '200.5', email: 'a@b.cn', due_date: '2026-12-01', categories: ['tenant', 'pregnant'], paid: false }, ctx)).toEqual({
      payload: { amount: 200.5, email: 'a@b.cn', due_date: '2026-12-01', categories: ['tenant', 'pregnant'], paid: false },
      errors: {},
    });
    expect(toPayload(mixed, { amount: '两百', email: 'nobody', due_date: '2026-13-01', categories: [], paid: true }, ctx)).toEqual({
      payload: { paid: true },
      errors: { amount: '请输入数字', email: '邮箱格式不对', due_date: '格式不对', categories: '必填' },
    });
    expect(toPayload(mixed, { categories: ['tenant', 'alien'] }, ctx).errors).toEqual({ categories: '请从选项中选择' });
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
    [{ kind: 'correction', text: '更正', corrects: '1.5' }, { kind: 'correction', text: '更正' }, { corrects: '请输入数字' }],
    [
      { kind: 'handover', text: '', incoming: '李四', openItems: '3 号楼电梯待修', corrects: '4' },
      { kind: 'handover', incoming: '李四', openItems: '3 号楼电梯待修' },
      {},
    ],
    [{ kind: 'handover', text: '设备正常', incoming: ' ' }, { kind: 'handover', text: '设备正常' }, { incoming: '必填' }],
  ])('%j → %j', (input, payload, errors) => {
    expect(dutyPayload(input, text)).toEqual({ payload, errors });
  });
});
