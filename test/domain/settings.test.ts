// Settings tab: defaults from SPEC, parsing of sheet cells, and fallback-with-report on bad values.
import { DEFAULT_SETTINGS, SETTING_DEFS, defaultSettingRows, parseSettings, settingText } from '../../src/domain/settings';

const allDefaults = (): [string, unknown][] => defaultSettingRows();
const withRow = (key: string, value: unknown): [string, unknown][] => [...allDefaults().filter(([k]) => k !== key), [key, value]];

describe('SPEC defaults', () => {
  test.each([
    ['complaint_dispatch_minutes', 15],
    ['complaint_handover_hours', 2],
    ['complaint_answer_days', 2],
    ['complaint_resolve_days_minor', 2],
    ['complaint_resolve_days_important', 3],
    ['complaint_resolve_days_major', 10],
    ['complaint_visit_days', 7],
    ['complaint_upgrade_days', 30],
    ['violation_cut_notice_days', 3],
    ['request_first_reply_minutes', 5],
    ['request_written_reply_days', 2],
    ['household_visit_days', 7],
    ['household_calls_per_week', 2],
    ['household_review_months', 3],
    ['household_screening_days', 15],
    ['household_due_date_days', 7],
    ['household_due_date_end_days', 14],
    ['household_survey_months', 12],
    ['violation_restore_hours', 24],
    ['pass_max_months', 3],
    ['pass_expiry_days', 7],
    ['duty_shift_start', '17:30'],
    ['duty_shift_end', '08:30'],
    ['signoff_time', '10:00'],
    ['roster_due_day', 25],
    ['duty_retention_years', 3],
    ['scan_budget_seconds', 270],
    ['manager_threshold_days', 2],
    ['reremind_hours', 24],
    ['stats_weekday', 6],
    ['digest_hour', 8],
    ['timezone', 'Asia/Shanghai'],
    ['lang', 'zh-Hans'],
    ['day_mode', 'calendar'],
    ['working_hours', '09:00-18:00'],
    ['drive_folder_id', ''],
  ])('%s defaults to %p', (key, value) => {
    expect(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]).toEqual(value);
  });

  test('weekends are Saturday and Sunday; 2026 holidays include Spring Festival and National Day', () => {
    expect(DEFAULT_SETTINGS.weekend_days).toEqual([6, 0]);
    expect(DEFAULT_SETTINGS.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-10-01', '2026-10-07']));
    expect(DEFAULT_SETTINGS.holidays).toHaveLength(33);
    expect(DEFAULT_SETTINGS.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  test('every setting has a label in all three languages and a default that parses cleanly', () => {
    for (const d of SETTING_DEFS) {
      expect([d.key, d.label['zh-Hans'] && d.label['zh-Hant'] && d.label.en]).toEqual([d.key, expect.any(String)]);
    }
    const { errors } = parseSettings(allDefaults());
    expect(errors).toEqual([]);
  });

  test('keys are unique', () => {
    const keys = SETTING_DEFS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('parseSettings reads what a sheet gives', () => {
  test.each<[string, unknown, unknown]>([
    ['complaint_dispatch_minutes', 30, 30],
    ['complaint_dispatch_minutes', '30', 30],
    ['complaint_handover_hours', 1.5, 1.5],
    ['duty_shift_start', '18:00', '18:00'],
    ['duty_shift_start', '8:05', '08:05'],
    ['duty_shift_start', '17：30', '17:30'],
    ['duty_shift_start', 0.75, '18:00'],
    // Sheets gives a typed 09:30 as 1899-12-30 09:30 local mean time (+08:05:43 in Shanghai).
    ['signoff_time', new Date(Date.UTC(1899, 11, 30, 1, 24, 17)), '09:30'],
    ['signoff_time', new Date(Date.UTC(1899, 11, 30, 1, 24, 0)), '09:30'],
    ['holidays', '2027-01-01, 2027/2/6；2027-02-07', ['2027-01-01', '2027-02-06', '2027-02-07']],
    ['holidays', new Date('2027-01-01T00:00:00+08:00'), ['2027-01-01']],
    ['holidays', '', []],
    ['emails_manager', 'Boss@Estate.cn; deputy@estate.cn', ['boss@estate.cn', 'deputy@estate.cn']],
    ['weekend_days', '0', [0]],
    ['working_hours', '8:30 - 17:30', '08:30-17:30'],
    ['lang', 'en', 'en'],
    ['day_mode', 'working', 'working'],
    ['timezone', 'Asia/Hong_Kong', 'Asia/Hong_Kong'],
    ['estate_name', '  翠湖花园 ', '翠湖花园'],
  ])('%s = %p → %p', (key, cell, expected) => {
    const { settings, errors } = parseSettings(withRow(key, cell));
    expect(errors).toEqual([]);
    expect(settings[key as keyof typeof settings]).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ['complaint_dispatch_minutes', 'fifteen'],
    ['complaint_dispatch_minutes', -5],
    ['complaint_resolve_days_minor', 2.5],
    ['digest_hour', 24],
    ['stats_weekday', 7],
    ['roster_due_day', 0],
    ['duty_shift_start', '25:00'],
    ['signoff_time', 'ten'],
    ['lang', 'fr'],
    ['day_mode', 'weekdays'],
    ['timezone', 'Mars/Olympus'],
    ['working_hours', 'nine to six'],
    ['weekend_days', 'Sat,Sun'],
    ['estate_name', ''],
  ])('invalid %s = %p falls back to the default and is reported', (key, cell) => {
    const { settings, errors } = parseSettings(withRow(key, cell));
    expect(settings[key as keyof typeof settings]).toEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]);
    expect(errors).toHaveLength(1);
    expect(errors[0].key).toBe(key);
    expect(errors[0].message).toContain(SETTING_DEFS.find((d) => d.key === key)!.default);
  });

  test('a list keeps its good items and reports only the bad ones', () => {
    const { settings, errors } = parseSettings(withRow('holidays', '2027-01-01,2027-02-30,2027-13-01,2027-05-01'));
    expect(settings.holidays).toEqual(['2027-01-01', '2027-05-01']);
    expect(errors).toEqual([{ key: 'holidays', message: expect.stringContaining('2027-02-30') }]);
    const mail = parseSettings(withRow('emails_security', 'guard@estate.cn, not-an-email'));
    expect(mail.settings.emails_security).toEqual(['guard@estate.cn']);
    expect(mail.errors[0].message).toContain('not-an-email');
  });

  test('missing keys use defaults and are each reported; an empty tab never throws', () => {
    const { settings, errors } = parseSettings([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(errors.map((e) => e.key).sort()).toEqual(SETTING_DEFS.map((d) => d.key).sort());
  });

  test('unknown and repeated keys are reported; the first row of a repeated key wins; keys are case-insensitive', () => {
    const rows: [string, unknown][] = [...allDefaults().filter(([k]) => k !== 'reremind_hours'), [' Reremind_Hours ', 12], ['reremind_hours', 48], ['colour', 'blue']];
    const { settings, errors } = parseSettings(rows);
    expect(settings.reremind_hours).toBe(12);
    expect(errors.map((e) => e.key).sort()).toEqual(['colour', 'reremind_hours']);
  });

  test('messages are in the office language', () => {
    const hans = parseSettings(withRow('digest_hour', 'x')).errors[0].message;
    const en = parseSettings([...withRow('digest_hour', 'x').filter(([k]) => k !== 'lang'), ['lang', 'en']]).errors[0].message;
    expect(hans).toContain('默认值');
    expect(en).toContain('default');
  });

  test('time cells are read in the office time zone even when the zone is changed', () => {
    const cell = new Date(Date.UTC(1899, 11, 30, 9, 24, 17)); // 17:30 on a Shanghai sheet
    expect(parseSettings(withRow('duty_shift_start', cell)).settings.duty_shift_start).toBe('17:30');
    const utcRows: [string, unknown][] = [...withRow('duty_shift_start', cell).filter(([k]) => k !== 'timezone'), ['timezone', 'UTC']];
    expect(parseSettings(utcRows).settings.duty_shift_start).toBe('09:24');
  });

  test('settingText writes lists back comma-separated', () => {
    expect(settingText(DEFAULT_SETTINGS, 'weekend_days')).toBe('6,0');
    expect(settingText(DEFAULT_SETTINGS, 'complaint_upgrade_days')).toBe('30');
  });
});
