// Tests the office date formats, money in words and the masking of personal data.
import { amountInWords, compactDate, formatDate, formatDateCn, formatMoney, maskId, maskIdsInText, maskName, maskPersonalText, maskPhone } from '../../src/domain/format';

const SH = 'Asia/Shanghai';

describe('formatDateCn / formatDate', () => {
  test.each([
    // an instant late in the UTC day is already the next day in Shanghai
    ['2026-11-24T16:30:00Z', SH, false, '2026年11月25日'],
    ['2026-11-25T17:30:00+08:00', SH, true, '2026年11月25日 17:30'],
    ['2026-01-05T09:05:00+08:00', SH, true, '2026年1月5日 09:05'],
    ['2026-11-25T17:30:00+08:00', 'Europe/London', true, '2026年11月25日 09:30'],
    ['2026-03-01T07:00:00+08:00', 'America/New_York', false, '2026年2月28日'],
  ])('%s in %s (time %s) → %s', (iso, tz, withTime, expected) => {
    expect(formatDateCn(new Date(iso), tz, withTime)).toBe(expected);
  });

  test('a calendar date string keeps its own day whatever the zone', () => {
    expect(formatDateCn('2026-11-25', 'America/Los_Angeles')).toBe('2026年11月25日');
    expect(formatDate('2026-11-25', SH, 'en', true)).toBe('25 November 2026');
  });

  test.each([
    ['zh-Hans', false, '2026年11月25日'],
    ['zh-Hant', true, '2026年11月25日 17:30'],
    ['en', false, '25 November 2026'],
    ['en', true, '25 November 2026 17:30'],
  ] as const)('%s with time %s', (lang, withTime, expected) => {
    expect(formatDate(new Date('2026-11-25T17:30:00+08:00'), SH, lang, withTime)).toBe(expected);
  });

  test('bad input gives an empty string, not "Invalid Date"', () => {
    expect(formatDateCn(new Date('nope'), SH)).toBe('');
    expect(formatDate('not a date', SH, 'en')).toBe('');
  });

  test('compactDate for file names uses the office zone', () => {
    expect(compactDate(new Date('2026-11-24T16:30:00Z'), SH)).toBe('20261125');
    expect(compactDate(new Date('2026-11-24T16:30:00Z'), 'UTC')).toBe('20261124');
  });
});

describe('masking', () => {
  test.each([
    ['110101199001011234', '1101**********1234'],
    ['11010119900101123X', '1101**********123X'],
    ['1101********1234', '1101********1234'],
    ['12345678', '********'],
    ['A123', '****'],
    ['', ''],
  ])('maskId(%s) → %s', (s, expected) => {
    expect(maskId(s)).toBe(expected);
  });

  test('ID numbers inside free text are masked, phone numbers are left alone', () => {
    expect(maskIdsInText('证件 110101199001011234，电话 13812341234')).toBe('证件 1101**********1234，电话 13812341234');
  });

  test.each([
    ['张三', '张**'],
    ['张三丰', '张**'],
    ['欧阳娜娜', '欧**'],
    ['李', '*'],
    ['John Smith', 'J**'],
    ['', ''],
  ])('maskName(%s) → %s', (s, expected) => {
    expect(maskName(s)).toBe(expected);
  });

  test.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['0755-12345678', '075****5678'],
    ['12345', '*****'],
    ['', ''],
  ])('maskPhone(%s) → %s', (s, expected) => {
    expect(maskPhone(s)).toBe(expected);
  });

  test.each([
    ['电话13812345678', '电话138****5678'],
    ['+86 138 1234 5678 找我', '138****5678 找我'],
    ['138-1234-5678', '138****5678'],
    ['0755-12345678', '075****5678'],
    ['(0755)1234567', '075****4567'],
    ['（0755）12345678', '075****5678'],
    ['010-1234567', '010****4567'],
    ['证件110101199001011234，电话13812341234', '证件1101**********1234，电话138****1234'],
    // Units, record ids, dates and amounts are not phone numbers.
    ['3-1-502 V-2026-0001 2026-11-25 17:30 欠费12345678元', '3-1-502 V-2026-0001 2026-11-25 17:30 欠费12345678元'],
  ])('maskPersonalText(%s) → %s', (s, expected) => {
    expect(maskPersonalText(s)).toBe(expected);
  });
});

describe('money', () => {
  test.each([
    [0, '0.00'],
    [1234.5, '1,234.50'],
    [3560, '3,560.00'],
    [1234567.891, '1,234,567.89'],
  ])('formatMoney(%s) → %s', (n, expected) => {
    expect(formatMoney(n)).toBe(expected);
  });

  test.each([
    [0, '零元整'],
    [1234.5, '壹仟贰佰叁拾肆元伍角'],
    [3560, '叁仟伍佰陆拾元整'],
    [100001, '壹拾万零壹元整'],
    [1001000, '壹佰万壹仟元整'],
    [1000100, '壹佰万零壹佰元整'],
    [100000000, '壹亿元整'],
    [100000001, '壹亿零壹元整'],
    [0.05, '伍分'],
    [10.05, '壹拾元零伍分'],
    [1010.1, '壹仟零壹拾元壹角'],
  ])('amountInWords(%s) → %s', (n, expected) => {
    expect(amountInWords(n)).toBe(expected);
  });

  test('traditional characters for zh-Hant', () => {
    expect(amountInWords(23600, 'zh-Hant')).toBe('貳萬參仟陸佰元整');
  });

  test('out of range amounts give an empty string', () => {
    expect(amountInWords(-1)).toBe('');
    expect(amountInWords(Number.NaN)).toBe('');
  });
});
