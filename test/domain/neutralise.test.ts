// What Sheets would run as a formula or turn into a number, date or boolean is stored behind an apostrophe.
import { neutralise, quotedInLog, unquote } from '../../src/domain/neutralise';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠A1', "'＠A1"],
    ['=IMPORTXML("http://x","//a")', '\'=IMPORTXML("http://x","//a")'],
    ['0755-1234', "'0755-1234"],
    ['3-1-502', "'3-1-502"],
    ['2026-11-25', "'2026-11-25"],
    ['TRUE', "'TRUE"],
    ['$100', "'$100"],
    // What Sheets in an English locale, or with full-width forms, also reads as a value.
    ['Jan 5', "'Jan 5"],
    ['March 3, 2026', "'March 3, 2026"],
    ['sept. 1', "'sept. 1"],
    ['０７５５', "'０７５５"],
    ['＄5', "'＄5"],
    ['（5）', "'（5）"],
    ['　12%', "'　12%"],
  ])('%j is stored as text', (input, stored) => {
    expect(neutralise(input)).toBe(stored);
  });

  it.each(['王女士', '楼道灯不亮', 'A栋', '<script>alert(1)</script>', 'truely', ''])('%j is left alone', (s) => {
    expect(neutralise(s)).toBe(s);
  });
});

describe('unquote', () => {
  it.each([
    ["'0755-1234", '0755-1234'],
    ["'=1+1", '=1+1'],
    ["'Jan 5", 'Jan 5'],
    ["''x", "''x"],
    ["'x", "'x"],
    ["O'Brien", "O'Brien"],
    ["'", "'"],
  ])('a plain-text cell holding %j reads as %j (one apostrophe off, only where the add-on put one)', (cell, text) => {
    expect(unquote(cell)).toBe(text);
  });

  it('keeps the rule the duty log was first hashed with, so old chains still verify', () => {
    expect(quotedInLog('0755')).toBe(true);
    expect(quotedInLog('Jan 5')).toBe(false);
    expect(quotedInLog('０７５５')).toBe(false);
  });
});
