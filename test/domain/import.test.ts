// Reading old registers: header rows found past titles and blanks, headers and options matched by office words, dates in office forms.
import {
  findHeaderRow,
  fingerprint,
  guessRegister,
  isBlankRow,
  isTotalsRow,
  matchHeaders,
  momentOf,
  optionOfWord,
  readOfficeDate,
  readRow,
  yearHint,
} from '../../src/domain/import';
import { REGISTERS } from '../../src/domain/registers';
import { Cell } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-25T09:00:00+08:00');
const ctx = { tz: TZ, year: 2025, now: NOW, lang: 'zh-Hans' as const };

describe('findHeaderRow', () => {
  test.each<[string, Cell[][], number, number, string[]]>([
    ['headers on row 1', [['受理时间', '投诉人', '投诉事项'], ['2025-3-5', '张三', '噪音']], 0, 1, ['受理时间', '投诉人', '投诉事项']],
    [
      'a title row and a blank row above',
      [['2025年投诉登记表', '', ''], ['', '', ''], ['日期', '反映人', '房间号', '投诉内容'], ['2025/3/5', '李四', '3-201', '漏水']],
      2,
      1,
      ['日期', '反映人', '房间号', '投诉内容'],
    ],
    [
      'two header rows: a merged group over sub-headers',
      [['2025年投诉登记表'], ['日期', '投诉人信息', '', '', '投诉内容', '处理结果'], ['', '姓名', '房号', '电话', '', ''], ['2025/3/5', '王五', '1-101', '138', '停车', '已协调']],
      1,
      2,
      ['日期', '姓名', '房号', '电话', '投诉内容', '处理结果'],
    ],
    ['nothing like headers', [['1', 2, 3]], -1, 0, []],
  ])('%s', (_, rows, index, count, headers) => {
    const h = findHeaderRow(rows);
    expect(h.index).toBe(index);
    expect(h.rows).toBe(count);
    expect(h.headers).toEqual(headers);
  });
});

describe('matchHeaders', () => {
  const complaints = REGISTERS.complaints;
  test.each<[string, string, number]>([
    ['投诉人', 'complainant', 1],
    ['投訴人', 'complainant', 1],
    ['Complainant', 'complainant', 1],
    ['反映人', 'complainant', 0.9],
    ['来电人', 'complainant', 0.9],
    ['业主姓名', 'complainant', 0.9],
    ['房间号', 'unit', 0.9],
    ['楼栋房号', 'unit', 0.9],
    ['地址', 'unit', 0.9],
    ['手机', 'phone', 0.9],
    ['联系方式', 'phone', 0.9],
    ['投诉时间', 'received_at', 0.9],
    ['来电时间', 'received_at', 0.9],
    ['处理情况', 'resolution', 0.9],
    ['结果', 'resolution', 0.9],
    ['联系电话（手机）', 'phone', 1],
    // Offices in Hong Kong and Taiwan type the same synonyms in traditional characters.
    ['來電人', 'complainant', 0.9],
    ['業主姓名', 'complainant', 0.9],
    ['房間號', 'unit', 0.9],
    ['樓棟房號', 'unit', 0.9],
    ['聯絡電話', 'phone', 1],
    ['聯絡方式', 'phone', 0.9],
    ['來電時間', 'received_at', 0.9],
    ['處理情況', 'resolution', 0.9],
    ['結果', 'resolution', 0.9],
  ])('%s → %s (%s)', (header, field, confidence) => {
    const [m] = matchHeaders(complaints, [header]);
    expect(m.field).toBe(field);
    expect(m.confidence).toBe(confidence);
  });

  test('each field takes one column at most; an unknown header stays unmatched; --map overrides', () => {
    const m = matchHeaders(complaints, ['电话', '手机', '楼层备注', '投诉内容'], { 楼层备注: 'details' });
    expect(m.map((x) => x.field)).toEqual(['phone', null, 'details', 'subject']);
  });
});

test.each<[string[], string[], string]>([
  [['日期', '反映人', '房号', '投诉内容', '类别'], ['Sheet1'], 'complaints'],
  [['发现日期', '地点', '违章类型', '性质', '违章内容'], ['Sheet1'], 'violations'],
  [['房号', '姓名', '类别', '联系电话'], ['重点户名单'], 'households'],
  [['姓名', '房号', '办卡日期', '有效期'], ['出入卡'], 'passes'],
  [['日期', '反映人', '房號', '投訴內容', '類別'], ['工作表1'], 'complaints'],
  [['值班日期', '值班人員', '值班情況'], ['值班記錄'], 'duty_log'],
])('guessRegister %j in %j → %s', (headers, names, register) => {
  expect(guessRegister(headers, names)[0].register).toBe(register);
});

describe('readOfficeDate', () => {
  test.each<[Cell, number | null, string | null]>([
    ['2025年3月5日', null, '2025-03-05T00:00:00+08:00'],
    ['2025/3/5', null, '2025-03-05T00:00:00+08:00'],
    ['2025.03.05', null, '2025-03-05T00:00:00+08:00'],
    ['2025-3-5 14:30', null, '2025-03-05T14:30:00+08:00'],
    ['2025年3月5日 下午2:30', null, '2025-03-05T14:30:00+08:00'],
    ['3月5日', 2025, '2025-03-05T00:00:00+08:00'],
    ['20250305', null, '2025-03-05T00:00:00+08:00'],
    [45721, null, '2025-03-05T00:00:00+08:00'],
    [45721.5, null, '2025-03-05T12:00:00+08:00'],
    [new Date('2025-03-05T06:30:00Z'), null, '2025-03-05T14:30:00+08:00'],
    ['2025/2/30', null, null],
    ['上周五', null, null],
    [12, null, null],
  ])('%p (year %p) → %p', (cell, year, iso) => {
    const r = readOfficeDate(cell, TZ, year);
    if (iso === null) expect(r.ok).toBe(false);
    else {
      expect(r.ok).toBe(true);
      if (r.ok) expect(momentOf(r, TZ).toISOString()).toBe(new Date(iso).toISOString());
    }
  });

  test('3月5日 without a year asks for one', () => {
    expect(readOfficeDate('3月5日', TZ, null)).toEqual({ ok: false, reason: 'no_year' });
  });

  test('the year comes from the title', () => {
    expect(yearHint(['2025年投诉登记表'])).toBe(2025);
    expect(yearHint(['Sheet1', '投诉登记'])).toBeNull();
  });
});

test.each<[string, string, string, string | null]>([
  ['complaints', 'class', '一般', 'minor'],
  ['complaints', 'class', '重要', 'important'],
  ['complaints', 'class', '重大', 'major'],
  ['complaints', 'class', '輕微', 'minor'],
  ['complaints', 'class', 'Major', 'major'],
  ['complaints', 'status', '已处理', 'resolved'],
  ['complaints', 'status', '完成', 'resolved'],
  ['complaints', 'channel', '电话', 'phone'],
  ['complaints', 'status', '已處理', 'resolved'],
  ['complaints', 'status', '已辦結', 'resolved'],
  ['complaints', 'channel', '來電', 'phone'],
  ['violations', 'severity', '嚴重', 'major'],
  ['violations', 'severity', '一般', 'general'],
  ['complaints', 'class', '特急', null],
])('option %s.%s %s → %s', (register, field, word, value) => {
  expect(optionOfWord(register, field, word)).toBe(value);
});

describe('readRow', () => {
  const def = REGISTERS.complaints;
  const headers = ['日期', '反映人', '房号', '投诉内容', '类别', '状态', '处理结果', '结案时间'];
  const matches = matchHeaders(def, headers);

  test('a row with a 处理结果 and no status is resolved, and no stamp is made up', () => {
    const r = readRow(def, matches, ['2025年3月5日', '张三', '3-201', '噪音', '一般', '', '已协调', ''], ctx);
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({ complainant: '张三', unit: '3-201', subject: '噪音', class: 'minor', status: 'resolved', resolution: '已协调' });
    expect(r.values.received_at).toEqual(new Date('2025-03-05T00:00:00+08:00'));
    expect(r.values.resolved_at).toBeUndefined();
    expect(r.values.closed_at).toBeUndefined();
  });

  test('a row without a result stays received', () => {
    expect(readRow(def, matches, ['2025/3/5', '张三', '', '噪音', '重要', '', '', ''], ctx).values.status).toBe('received');
  });

  test('unknown options, unreadable dates and missing required values are errors on their fields', () => {
    const r = readRow(def, matches, ['上周五', '', '', '噪音', '特急', '', '', '2030-1-1'], ctx);
    expect(Object.keys(r.errors).sort()).toEqual(['class', 'closed_at', 'complainant', 'received_at']);
    expect(r.errors.class).toContain('特急');
    expect(r.errors.class).toContain('轻微');
    expect(r.errors.received_at).toContain('上周五');
  });

  test('a phone typed as a number is kept as its digits', () => {
    const m = matchHeaders(def, ['日期', '投诉人', '电话', '投诉内容', '类别']);
    expect(readRow(def, m, ['2025-3-5', '张三', 13800138000, '噪音', '一般'], ctx).values.phone).toBe('13800138000');
  });
});

test.each<[Cell[], boolean, boolean]>([
  [['', '', '  '], true, false],
  [['合计', '', 12], false, true],
  [['', '总 计', ''], false, true],
  [['Total', 3], false, true],
  [['合肥路3号', '张三'], false, false],
])('row %j: blank %s, totals %s', (row, blank, totals) => {
  expect(isBlankRow(row)).toBe(blank);
  expect(isTotalsRow(row)).toBe(totals);
});

test('a fingerprint depends on the source, the sheet and the values only', () => {
  const a = fingerprint('旧台账.xlsx', 'Sheet1', ['2025/3/5', '张三', ''], TZ);
  expect(fingerprint('旧台账.xlsx', 'Sheet1', ['2025/3/5', '张三'], TZ)).toBe(a);
  expect(fingerprint('旧台账.xlsx', 'Sheet2', ['2025/3/5', '张三'], TZ)).not.toBe(a);
  expect(fingerprint('旧台账.xlsx', 'Sheet1', ['2025/3/6', '张三'], TZ)).not.toBe(a);
});
