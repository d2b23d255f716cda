// The temporary-resident lines of a tenancy: what a clerk may type, and what the office is told when a line cannot be read.
import { parseTempResidents, tenancyErrors } from '../../src/domain/tenancy';

describe('parseTempResidents', () => {
  test.each([
    ['王芳 保姆 2026-11-10', [{ name: '王芳', relation: '保姆', arrived: '2026-11-10', registered: '' }]],
    ['王芳 保姆 2026-11-10 2026-11-12', [{ name: '王芳', relation: '保姆', arrived: '2026-11-10', registered: '2026-11-12' }]],
    ['李伯，父亲，2026/11/5，2026.11.20', [{ name: '李伯', relation: '父亲', arrived: '2026-11-05', registered: '2026-11-20' }]],
    ['\n  王芳 保姆 2026-11-10  \n\n李伯 父亲 2026-11-12\n', [{ name: '王芳', relation: '保姆', arrived: '2026-11-10', registered: '' }, { name: '李伯', relation: '父亲', arrived: '2026-11-12', registered: '' }]],
    ['', []],
  ])('%j', (text, people) => {
    expect(parseTempResidents(text)).toEqual({ people, errors: [] });
  });

  test.each([
    ['王芳 2026-11-10', 1],
    ['王芳 保姆', 1],
    ['王芳 保姆 2026-02-30', 1],
    ['王芳 保姆 2026-11-10 2026-11-12 2026-11-13', 1],
    ['王芳 保姆 2026-11-10\n李伯 父亲 2026-11-12 2026-11-01', 2],
  ])('refuses %j, naming the line and the form it takes', (text, line) => {
    expect(parseTempResidents(text)).toEqual({ people: expect.any(Array), errors: [`第${line}行请写：姓名 关系 到达日期 [登记日期]，日期如 2026-11-10`] });
  });

  test('speaks the office language', () => {
    expect(parseTempResidents('王芳', 'en').errors[0]).toMatch(/^Line 1: name relation arrived/);
    expect(parseTempResidents('王芳', 'zh-Hant').errors[0]).toMatch(/^第1行請寫/);
  });
});

describe('tenancyErrors', () => {
  test('a lease that ends before it starts, and an unreadable line, each on its own field', () => {
    expect(tenancyErrors({ lease_start: '2026-12-01', lease_end: '2026-11-30', temporary: '王芳' }, 'zh-Hans')).toEqual({
      lease_end: '租期结束不能早于租期开始',
      temporary: expect.stringContaining('第1行'),
    });
    expect(tenancyErrors({ lease_start: '2026-12-01', lease_end: '2026-12-01', temporary: '王芳 保姆 2026-11-10' }, 'zh-Hans')).toBeNull();
  });
});
