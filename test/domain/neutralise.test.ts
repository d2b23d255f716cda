// What Sheets would run as a formula or turn into a number, date or boolean is stored behind an apostrophe.
import { neutralise } from '../../src/domain/neutralise';

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
  ])('%j is stored as text', (input, stored) => {
    expect(neutralise(input)).toBe(stored);
  });

  it.each(['王女士', '楼道灯不亮', 'A栋', '<script>alert(1)</script>', 'truely', ''])('%j is left alone', (s) => {
    expect(neutralise(s)).toBe(s);
  });
});
