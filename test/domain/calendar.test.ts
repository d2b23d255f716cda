// Office-zone date helpers: Shanghai days on any machine, working days over weekends and 2026 holidays, ISO strings.
import {
  addCalendarDays,
  addDaysYmd,
  addDeadlineDays,
  addMonthsIn,
  addMonthsYm,
  addMonthsYmd,
  addWorkingDays,
  atTime,
  calendarOf,
  dateEnd,
  dateStart,
  dayKey,
  endOfDayIn,
  formatIso,
  isWorkingDay,
  nextWorkingDayAt,
  parseHm,
  parseIsoIn,
  startOfDayIn,
  weekdayOf,
} from '../../src/domain/calendar';
import { DEFAULT_SETTINGS, withSettings } from '../../src/domain/settings';

const SH = 'Asia/Shanghai';
const at = (iso: string): Date => new Date(iso);
const cal = calendarOf(DEFAULT_SETTINGS);
const working = calendarOf(withSettings({ day_mode: 'working' }));

describe('days in the office zone, not the machine zone', () => {
  test.each([
    ['2026-11-24T23:59:59.999+08:00', '2026-11-24'],
    ['2026-11-25T00:00:00+08:00', '2026-11-25'],
    ['2026-11-24T16:00:00Z', '2026-11-25'], // midnight in Shanghai, still the 24th in UTC
    ['2026-12-31T16:30:00Z', '2027-01-01'],
    ['2028-02-29T12:00:00+08:00', '2028-02-29'],
  ])('%s falls on %s', (iso, ymd) => {
    expect(dayKey(at(iso), SH)).toBe(ymd);
  });

  test('the same moment is a different day in UTC', () => {
    expect(dayKey(at('2026-11-25T07:00:00+08:00'), 'UTC')).toBe('2026-11-24');
  });

  test.each([
    ['2026-11-24T10:15:00+08:00', '2026-11-24T00:00:00+08:00', '2026-11-24T23:59:59.999+08:00'],
    ['2026-12-31T23:00:00+08:00', '2026-12-31T00:00:00+08:00', '2026-12-31T23:59:59.999+08:00'],
    ['2028-02-29T00:00:00+08:00', '2028-02-29T00:00:00+08:00', '2028-02-29T23:59:59.999+08:00'],
  ])('start and end of the day of %s', (iso, start, end) => {
    expect(startOfDayIn(at(iso), SH)).toEqual(at(start));
    expect(endOfDayIn(at(iso), SH)).toEqual(at(end));
  });

  test('date strings become the start and end of that day in the zone', () => {
    expect(dateStart('2026-11-02', SH)).toEqual(at('2026-11-02T00:00:00+08:00'));
    expect(dateEnd('2026-11-02', SH)).toEqual(at('2026-11-02T23:59:59.999+08:00'));
    expect(dateStart('2026-11-02', 'Europe/London')).toEqual(at('2026-11-02T00:00:00Z'));
    expect(atTime('2026-11-02', '17:30', SH)).toEqual(at('2026-11-02T17:30:00+08:00'));
  });
});

describe('date arithmetic', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i day = %s', (ymd, n, expected) => {
    expect(addDaysYmd(ymd, n)).toBe(expected);
  });

  test.each([
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-10-15', 3, '2027-01-15'],
  ])('%s + %i months = %s (clamped to the month end)', (ymd, n, expected) => {
    expect(addMonthsYmd(ymd, n)).toBe(expected);
  });

  test('months of a YYYY-MM', () => {
    expect(addMonthsYm('2026-12', 1)).toBe('2027-01');
    expect(addMonthsYm('2026-01', -1)).toBe('2025-12');
  });

  test('addMonthsIn keeps the wall-clock time in the zone', () => {
    expect(addMonthsIn(at('2026-11-30T10:00:00+08:00'), 3, SH)).toEqual(at('2027-02-28T10:00:00+08:00'));
    expect(addMonthsIn(at('2028-02-29T23:30:00+08:00'), 12, SH)).toEqual(at('2029-02-28T23:30:00+08:00'));
  });

  test('calendar days are 24-hour periods', () => {
    expect(addCalendarDays(at('2026-11-24T10:15:00+08:00'), 2)).toEqual(at('2026-11-26T10:15:00+08:00'));
    expect(addDeadlineDays(at('2026-12-30T22:00:00+08:00'), 2, cal)).toEqual(at('2027-01-01T22:00:00+08:00'));
  });

  test('weekday of a date', () => {
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(weekdayOf('2026-11-29')).toBe(0);
    expect(weekdayOf('2028-02-29')).toBe(2);
  });
});

describe('working days (weekends, 2026 holidays and make-up workdays)', () => {
  test.each([
    ['2026-11-27', true], // Friday
    ['2026-11-28', false], // Saturday
    ['2026-11-29', false], // Sunday
    ['2026-10-05', false], // National Day holiday, a Monday
    ['2026-10-10', true], // make-up Saturday
    ['2026-01-04', true], // make-up Sunday
    ['2026-02-17', false], // Spring Festival
  ])('%s working: %p', (ymd, expected) => {
    expect(isWorkingDay(ymd, cal)).toBe(expected);
  });

  test.each([
    ['Friday 16:00 + 2 → Tuesday 16:00', '2026-11-27T16:00:00+08:00', 2, '2026-12-01T16:00:00+08:00'],
    ['Saturday + 1 → Monday', '2026-11-28T10:00:00+08:00', 1, '2026-11-30T10:00:00+08:00'],
    ['Wednesday 30 Sep + 1 → Thursday 8 Oct (National Day)', '2026-09-30T09:00:00+08:00', 1, '2026-10-08T09:00:00+08:00'],
    ['Thursday 8 Oct + 2 → Saturday 10 Oct (make-up) then Monday 12', '2026-10-08T09:00:00+08:00', 2, '2026-10-10T09:00:00+08:00'],
    ['Thursday 8 Oct + 3', '2026-10-08T09:00:00+08:00', 3, '2026-10-12T09:00:00+08:00'],
    ['Thursday 31 Dec 2026 + 1 → Friday 1 Jan 2027 (no 2027 holidays listed)', '2026-12-31T09:00:00+08:00', 1, '2027-01-01T09:00:00+08:00'],
    ['Tuesday 29 Feb 2028 + 3 → Friday 3 Mar', '2028-02-29T11:00:00+08:00', 3, '2028-03-03T11:00:00+08:00'],
  ])('%s', (_, from, n, expected) => {
    expect(addWorkingDays(at(from), n, working)).toEqual(at(expected));
    expect(addDeadlineDays(at(from), n, working)).toEqual(at(expected));
  });

  test.each([
    ['Monday → Tuesday', '2026-11-23T20:00:00+08:00', '2026-11-24T10:00:00+08:00'],
    ['Friday → Monday', '2026-11-27T20:00:00+08:00', '2026-11-30T10:00:00+08:00'],
    ['Saturday → Monday', '2026-11-28T20:00:00+08:00', '2026-11-30T10:00:00+08:00'],
    ['30 Sep → 8 Oct over National Day', '2026-09-30T20:00:00+08:00', '2026-10-08T10:00:00+08:00'],
    ['9 Oct → the make-up Saturday 10 Oct', '2026-10-09T20:00:00+08:00', '2026-10-10T10:00:00+08:00'],
  ])('next working day at 10:00: %s', (_, from, expected) => {
    expect(nextWorkingDayAt(at(from), '10:00', cal)).toEqual(at(expected));
  });
});

describe('parsing and formatting', () => {
  test.each([
    ['09:00', { h: 9, m: 0 }],
    ['8:30', { h: 8, m: 30 }],
    ['23:59', { h: 23, m: 59 }],
    ['24:00', null],
    ['12:60', null],
    ['noon', null],
  ])('parseHm(%p)', (text, expected) => {
    expect(parseHm(text)).toEqual(expected);
  });

  test.each([
    ['2026-11-02T09:00:00+08:00', '2026-11-02T09:00:00+08:00'],
    ['2026-11-02T01:00:00Z', '2026-11-02T09:00:00+08:00'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01T00:00:00+08:00'],
  ])('formatIso(%s) in Shanghai', (iso, expected) => {
    expect(formatIso(at(iso), SH)).toBe(expected);
  });

  test('formatIso writes a zero offset as +00:00', () => {
    expect(formatIso(at('2026-11-02T09:00:00Z'), 'UTC')).toBe('2026-11-02T09:00:00+00:00');
  });

  test.each([
    ['2026-11-02T09:00:00+08:00', '2026-11-02T09:00:00+08:00'],
    ['2026-11-02T09:00', '2026-11-02T09:00:00+08:00'], // no offset: office wall clock
    ['2026-11-02 09:00:30', '2026-11-02T09:00:30+08:00'],
    ['2026-11-02T01:00:00Z', '2026-11-02T09:00:00+08:00'],
    ['2026-11-02T09:00:00.500+0800', '2026-11-02T09:00:00.500+08:00'],
    ['2026-11-02', '2026-11-02T00:00:00+08:00'],
  ])('parseIsoIn(%s)', (text, expected) => {
    expect(parseIsoIn(text, SH)).toEqual(at(expected));
  });

  test.each(['2026-02-30T09:00', '2026-11-02T25:00', 'tomorrow', '02/11/2026'])('parseIsoIn refuses %s', (text) => {
    expect(parseIsoIn(text, SH)).toBeNull();
  });
});
