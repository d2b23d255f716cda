// The duty roster: a month filled fairly with 24-hour holiday duty, never overwritten, and read back by month.
import {
  dateOf,
  daysOfMonth,
  fillRoster,
  monthHasRoster,
  nextMonth,
  RosterRow,
  rosterMonthBlocks,
  rosterOverdue,
  shiftWindow,
} from '../../src/domain/roster';

const TZ = 'Asia/Shanghai';
// The 2026 National Day holiday (国庆节 10-01 … 10-07) and the default shift times.
const SETTINGS = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-12-25'],
  duty_shift_start: '17:30',
  duty_shift_end: '08:30',
  timezone: TZ,
};
const OFFICERS = ['张三', '李四', '王五'];

function fill(month: string, officers: string[] = OFFICERS, existing: RosterRow[] = []): RosterRow[] {
  const res = fillRoster(month, officers, SETTINGS, existing);
  if (!res.ok) throw new Error(res.message);
  return res.rows;
}

const countBy = (rows: RosterRow[]): Record<string, number> => rows.reduce<Record<string, number>>((acc, r) => ((acc[r.officer] = (acc[r.officer] ?? 0) + 1), acc), {});

describe('fillRoster', () => {
  test('October 2026: one row a day, 24-hour duty over the National Day holiday, night shifts after', () => {
    const rows = fill('2026-10');
    expect(rows).toHaveLength(31);
    expect(rows.map((r) => r.date)).toEqual(daysOfMonth('2026-10'));
    expect(rows.filter((r) => r.shift === 'full_day').map((r) => r.date)).toEqual(SETTINGS.holidays.slice(0, 7));
    expect(rows.slice(7).every((r) => r.shift === 'night')).toBe(true);
  });

  test('officers take turns in order, the backup is the next in turn, nobody works two days running', () => {
    const rows = fill('2026-11');
    expect(rows.slice(0, 4).map((r) => [r.officer, r.backup])).toEqual([
      ['张三', '李四'],
      ['李四', '王五'],
      ['王五', '张三'],
      ['张三', '李四'],
    ]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].officer).not.toBe(rows[i - 1].officer);
    for (const r of rows) expect(r.backup).not.toBe(r.officer);
    expect(countBy(rows)).toEqual({ 张三: 10, 李四: 10, 王五: 10 });
  });

  test('carries on from whoever was last on duty in the month before, so months stay fair', () => {
    const oct = fill('2026-10');
    expect(oct[oct.length - 1].officer).toBe('张三'); // 31 days: 张三 opens and closes the month
    const nov = fill('2026-11', OFFICERS, oct);
    expect(nov[0].officer).toBe('李四');
    const dec = fill('2026-12', OFFICERS, [...oct, ...nov]);
    const all = [...oct, ...nov, ...dec];
    const counts = Object.values(countBy(all));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(dec.find((r) => r.date === '2026-12-25')?.shift).toBe('full_day');
    for (let i = 1; i < all.length; i++) expect(all[i].officer).not.toBe(all[i - 1].officer);
  });

  test('starts from the first officer when the last one on duty has left the list', () => {
    const sept: RosterRow[] = [{ date: '2026-09-30', shift: 'night', officer: '赵六', backup: '张三' }];
    expect(fill('2026-10', OFFICERS, sept)[0].officer).toBe('张三');
  });

  test.each([
    ['2026-02', 28],
    ['2028-02', 29],
    ['2026-04', 30],
  ])('%s has %i days', (month, days) => {
    expect(fill(month)).toHaveLength(days);
  });

  test('a single officer has no backup; blank and repeated names are dropped', () => {
    expect(fill('2026-11', ['张三'])[0]).toEqual({ date: '2026-11-01', shift: 'night', officer: '张三', backup: '' });
    expect(countBy(fill('2026-11', [' 张三 ', '', '李四', '张三']))).toEqual({ 张三: 15, 李四: 15 });
  });

  test.each<[string, RosterRow[] | Record<string, unknown>[]]>([
    ['a row for the month', [{ date: '2026-11-15', shift: 'night', officer: '赵六', backup: '' }]],
    ['a row whose date Sheets gave back as a Date', [{ date: new Date('2026-11-01T00:00:00+08:00'), shift: '夜班', officer: '赵六' }]],
    ['a row whose date is a serial number', [{ date: 46330, shift: 'night', officer: '赵六' }]],
  ])('never overwrites an existing month: %s', (_name, existing) => {
    const res = fillRoster('2026-11', OFFICERS, SETTINGS, existing as Record<string, never>[]);
    expect(res).toMatchObject({ ok: false, code: 'conflict' });
    if (!res.ok) expect(res.message).toBe('2026-11 的值班表已经排好，不会覆盖；如需调整，请直接修改该月的行。');
  });

  test('rows of other months do not block it', () => {
    expect(fillRoster('2026-12', OFFICERS, SETTINGS, fill('2026-11')).ok).toBe(true);
  });

  test.each([
    ['2026-13', OFFICERS, 'invalid', 'month'],
    ['2026/11', OFFICERS, 'invalid', 'month'],
    ['2026-11', [], 'invalid', 'officers'],
    ['2026-11', ['  '], 'invalid', 'officers'],
  ])('refuses month %s with officers %j', (month, officers, code, field) => {
    const res = fillRoster(month, officers, SETTINGS, [], 'en');
    expect(res).toMatchObject({ ok: false, code });
    if (!res.ok) expect(Object.keys(res.fieldErrors)).toEqual([field]);
  });
});

describe('reading the roster back', () => {
  test('dateOf reads Dates, serial numbers and text', () => {
    expect(dateOf(new Date('2026-11-01T00:00:00+08:00'), TZ)).toBe('2026-11-01');
    expect(dateOf(46327, TZ)).toBe('2026-11-01');
    expect(dateOf('2026/11/1', TZ)).toBe('2026-11-01');
    expect(dateOf('2026年11月1日', TZ)).toBe('2026-11-01');
    expect(dateOf('2026-02-30', TZ)).toBeNull();
    expect(dateOf('', TZ)).toBeNull();
  });

  test('rosterMonthBlocks sorts rows by date and gives one block per month', () => {
    const rows = [
      { date: '2026-12-02', shift: 'night', officer: '王五', backup: '张三' },
      { date: new Date('2026-11-30T00:00:00+08:00'), shift: '全天班', officer: '李四', backup: '' },
      { date: '2026-12-01', shift: 'night', officer: '张三', backup: '李四' },
      { date: '', shift: 'night', officer: '无日期', backup: '' },
    ];
    expect(rosterMonthBlocks(rows, TZ)).toEqual([
      { month: '2026-11', rows: [{ date: '2026-11-30', shift: 'full_day', officer: '李四', backup: '' }] },
      {
        month: '2026-12',
        rows: [
          { date: '2026-12-01', shift: 'night', officer: '张三', backup: '李四' },
          { date: '2026-12-02', shift: 'night', officer: '王五', backup: '张三' },
        ],
      },
    ]);
    expect(monthHasRoster(rows, '2026-12', TZ)).toBe(true);
    expect(monthHasRoster(rows, '2027-01', TZ)).toBe(false);
  });

  test('nextMonth rolls over the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });
});

describe('shiftWindow', () => {
  test.each([
    ['a night shift runs 17:30 to 08:30 the next day', { date: '2026-11-24', shift: 'night' as const }, '2026-11-24T17:30:00+08:00', '2026-11-25T08:30:00+08:00'],
    ['a holiday runs 24 hours from the morning handover', { date: '2026-10-01', shift: 'full_day' as const }, '2026-10-01T08:30:00+08:00', '2026-10-02T08:30:00+08:00'],
    ['the last night of a month ends in the next month', { date: '2026-11-30', shift: 'night' as const }, '2026-11-30T17:30:00+08:00', '2026-12-01T08:30:00+08:00'],
  ])('%s', (_name, row, start, end) => {
    expect(shiftWindow(row, SETTINGS)).toEqual({ start: new Date(start), end: new Date(end) });
  });

  test('follows the Settings times', () => {
    expect(shiftWindow({ date: '2026-11-24', shift: 'night' }, { ...SETTINGS, duty_shift_start: '18:00', duty_shift_end: '09:00' })).toEqual({
      start: new Date('2026-11-24T18:00:00+08:00'),
      end: new Date('2026-11-25T09:00:00+08:00'),
    });
  });
});

describe('rosterOverdue', () => {
  const nov = fill('2026-11');
  const dec = fill('2026-12', OFFICERS, nov);
  test.each<[string, string, RosterRow[], number, string | null]>([
    ['the 24th: not yet due', '2026-11-24T23:59:00+08:00', nov, 25, null],
    ['the 25th with December empty', '2026-11-25T09:00:00+08:00', nov, 25, '2026-12'],
    // 01:00 on the 25th in Shanghai is still the 24th in UTC: the office date decides.
    ['just after midnight on the 25th', '2026-11-25T01:00:00+08:00', nov, 25, '2026-12'],
    ['the 25th with December filled', '2026-11-25T09:00:00+08:00', [...nov, ...dec], 25, null],
    ['the 30th with December still empty', '2026-11-30T09:00:00+08:00', nov, 25, '2026-12'],
    ['a due day of 31 in a 28-day February falls on the 28th', '2027-02-28T09:00:00+08:00', [], 31, '2027-03'],
    ['a due day set to the 20th', '2026-11-20T09:00:00+08:00', nov, 20, '2026-12'],
  ])('%s', (_name, now, rows, dueDay, want) => {
    expect(rosterOverdue(rows, new Date(now), TZ, dueDay)).toBe(want);
  });
});
