// Periods a notice may be asked for, and the office's notice numbers: pure rules.
import { parsePeriod } from '../../src/domain/periods';
import { formatNoticeNumber, parseNumberWords, patternProblem, versionedNumber, DEFAULT_NUMBER_PATTERN } from '../../src/domain/noticeNumbers';
import { parseSettings, defaultSettingRows } from '../../src/domain/settings';

describe('parsePeriod', () => {
  test.each([
    ['2026-11', { kind: 'month', from: '2026-11-01', to: '2026-11-30', id: '202611' }],
    ['2028-02', { kind: 'month', from: '2028-02-01', to: '2028-02-29', id: '202802' }],
    ['2026-12-01..2026-12-31', { kind: 'month', from: '2026-12-01', to: '2026-12-31', id: '202612' }],
    ['2026-W48', { kind: 'week', from: '2026-11-23', to: '2026-11-29', id: '2026W48' }],
    ['2026-W01', { kind: 'week', from: '2025-12-29', to: '2026-01-04', id: '2026W01' }],
    ['2026-W53', { kind: 'week', from: '2026-12-28', to: '2027-01-03', id: '2026W53' }],
    ['2026-11-28', { kind: 'week', from: '2026-11-22', to: '2026-11-28', id: '20261122-20261128' }],
    ['2026-11-01..2026-11-15', { kind: 'range', from: '2026-11-01', to: '2026-11-15', id: '20261101-20261115' }],
  ])('%s', (text, period) => expect(parsePeriod(text)).toEqual(period));

  test.each(['2026-13', '2025-W53', '2026-W00', '2026-11-30..2026-11-01', '2026-02-30', 'November', ''])('refuses %s', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('notice numbers', () => {
  test('the default pattern with each template’s default word', () => {
    expect(formatNoticeNumber(DEFAULT_NUMBER_PATTERN, 'rectification', 2026, 1, '')).toBe('〔2026〕整改字第 001 号');
    expect(formatNoticeNumber(DEFAULT_NUMBER_PATTERN, 'fee_reminder', 2026, 12, '')).toBe('〔2026〕催缴字第 012 号');
    expect(formatNoticeNumber(DEFAULT_NUMBER_PATTERN, 'rectification', 2026, 1234, '')).toBe('〔2026〕整改字第 1234 号');
  });

  test('patterns need {seq} and know only {year}, {word}, {seq}', () => {
    expect(patternProblem('〔{year}〕{word}字第{seq}号')).toBeNull();
    expect(patternProblem('{word}-{seq:6}')).toBeNull();
    expect(patternProblem('〔{year}〕第号')).toBe('no_seq');
    expect(patternProblem('{estate}{seq}')).toBe('unknown');
    expect(patternProblem('{seq:9}')).toBe('unknown');
  });

  test('words are read as notice:word, with Chinese punctuation too', () => {
    expect(parseNumberWords('rectification：整改通知，fee_reminder=催费; nonsense, cut:停')).toEqual({ words: { rectification: '整改通知', fee_reminder: '催费' }, bad: ['nonsense', 'cut:停'] });
  });

  test('a new version keeps the number with the version after it', () => {
    expect(versionedNumber('〔2026〕整改字第 001 号', 1, 'zh-Hans')).toBe('〔2026〕整改字第 001 号');
    expect(versionedNumber('〔2026〕整改字第 001 号', 3, 'zh-Hant')).toBe('〔2026〕整改字第 001 号（第3版）');
    expect(versionedNumber('〔2026〕整改字第 001 号', 2, 'en')).toBe('〔2026〕整改字第 001 号 (version 2)');
  });

  test('the Settings tab reports a pattern it cannot use and bad words, keeping the good ones', () => {
    const rows = defaultSettingRows().map(([k, v]) => [k, k === 'notice_number_pattern' ? '第号' : k === 'notice_number_words' ? 'rectification:整改通知, 乱写' : v] as [string, unknown]);
    const { settings, errors } = parseSettings(rows);
    expect(settings.notice_number_pattern).toBe(DEFAULT_NUMBER_PATTERN);
    expect(errors.map((e) => e.key)).toEqual(['notice_number_pattern', 'notice_number_words']);
    expect(errors[1].message).toContain('乱写');
    expect(formatNoticeNumber(settings.notice_number_pattern, 'rectification', 2026, 2, settings.notice_number_words)).toBe('〔2026〕整改通知字第 002 号');
  });
});
