// The 文书模板 rules: which placeholders a part takes, how the tab is read, and that the office's text goes through the built-in render path.
import { builtinWording, buildNoticeModel, NOTICE_KEYS, renderNotice } from '../../src/domain/notices';
import { allowedPlaceholders, partsOf, placeholderProblem, readWording, wordingFor, wordingReferenceRows, type Wording } from '../../src/domain/overrides';
import { LANGS } from '../../src/domain/types';
import { fixtureInput } from '../fixtures/notices/records';

describe('placeholders', () => {
  const allowed = ['phone'];
  it.each([
    ['请致电{phone}。', null],
    ['没有占位符，也可以。', null],
    ['全角括号｛phone｝照印', null],
    ['{tel}', /占位符 \{tel\} 不认识，这一段可用：\{phone\}/],
    ['{constructor}', /占位符 \{constructor\} 不认识/],
    ['{__proto__}', /占位符 \{__proto__\} 不认识/],
    ['{ phone }', /占位符 \{ phone \} 不认识/],
    ['{{phone}}', /只用一层花括号/],
    ['{{constructor}}', /只用一层花括号/],
    ['请致电{phone', /花括号不成对/],
    ['请致电phone}', /花括号不成对/],
    ['x'.repeat(1001), /超过 1000 字/],
  ])('%s', (text, problem) => {
    const got = placeholderProblem(text, allowed, 'zh-Hans');
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });

  it('a part takes what its built-in text uses, and letterhead lines take {estate}', () => {
    expect(allowedPlaceholders('rectification', 'p4')).toEqual(['phone']);
    expect(allowedPlaceholders('cut_notice', 'p1').sort()).toEqual(['amount', 'amountWords']);
    expect(allowedPlaceholders('complaint_reply', 'p3')).toEqual([]);
    expect(allowedPlaceholders('weekly_stats', 'title')).toEqual(['estate']);
  });

  it('says so in the office language', () => {
    expect(placeholderProblem('{tel}', allowed, 'en')).toBe('unknown placeholder {tel}; this part takes: {phone}; the built-in text is used');
    expect(placeholderProblem('{tel}', allowed, 'zh-Hant')).toContain('佔位符 {tel} 不認識');
  });
});

describe('reading the tab', () => {
  const headers = ['Template', 'Part', 'Text', 'Built-in text (for reference)'];
  it('finds its columns in any language, skips the note and reference rows, and reports each bad row by sheet row', () => {
    const table = readWording(
      {
        headers,
        rows: [
          ['Note', '', '', 'how to'],
          ['催繳函', '第1段', '', 'reference only'],
          ['Payment Reminder', 'p4', 'Call {phone}.', ''],
          ['fee_reminder', '第4段', 'Again {phone}.', ''],
          ['全部', 'p1', 'All first paragraphs', ''],
          ['all', 'stamp', '{estate} stamp', ''],
          ['rectification', 'title', 'Order to Put Right', ''],
          ['complaint_reply', 'closing', 'Yours,', ''],
        ],
      },
      'en',
    );
    expect(wordingFor(table, 'fee_reminder').wording).toEqual({ p4: 'Call {phone}.', stamp: '{estate} stamp' });
    expect(wordingFor(table, 'rectification').wording).toEqual({ title: 'Order to Put Right', stamp: '{estate} stamp' });
    expect(table.problems.map((p) => [p.row, p.message])).toEqual([
      [5, 'Notice wording, row 5: repeats row 4; row 4 is used'],
      [6, 'Notice wording, row 6: “All” is only for the heading, footer and stamp lines'],
      [9, 'Notice wording, row 9: Reply to Your Complaint has no “Closing”'],
    ]);
    // Each notice hears of its own rows and of rows naming no notice.
    expect(wordingFor(table, 'fee_reminder').warnings).toHaveLength(2);
    expect(wordingFor(table, 'rectification').warnings).toHaveLength(1);
  });

  it('without the Template, Part or Text column, or without the tab, nothing is overridden', () => {
    expect(readWording(null, 'zh-Hans')).toEqual({ shared: {}, byTemplate: {}, problems: [] });
    expect(readWording({ headers: ['模板', '文字'], rows: [['催缴函', '改了']] }, 'zh-Hans').byTemplate).toEqual({});
  });

  it('every reference row setup writes reads back as a valid override of its own part', () => {
    for (const lang of LANGS) {
      const rows = wordingReferenceRows(lang).map((r) => [r[0], r[1], r[3], '']);
      const table = readWording({ headers: ['模板', '段落', '文字', '内置文字（参考）'], rows }, lang);
      // The note row is skipped even with its explanation under Text.
      expect(table.problems).toEqual([]);
      expect(Object.keys(table.byTemplate).sort()).toEqual([...NOTICE_KEYS].sort());
    }
  });
});

describe('rendering with the office wording', () => {
  it.each(NOTICE_KEYS.flatMap((key) => LANGS.map((lang) => [key, lang] as const)))('%s in %s: its own built-in text as wording prints the same notice', (key, lang) => {
    const input = fixtureInput(key, lang);
    const builtin = builtinWording(key, lang);
    const wording: Wording = Object.fromEntries(partsOf(key, lang).map((p) => [p, builtin[p]]));
    expect(renderNotice(key, buildNoticeModel(key, { ...input, wording }))).toBe(renderNotice(key, buildNoticeModel(key, input)));
  });

  it('fills placeholders as the built-in text does and escapes everything else', () => {
    const input = fixtureInput('rectification', 'zh-Hans');
    const html = renderNotice('rectification', buildNoticeModel('rectification', { ...input, wording: { p4: '<script>x</script>请致电{phone}', heading: '{estate}<i>服务中心</i>' } }));
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;请致电<strong>0755-86001234</strong>');
    expect(html).toContain('翠湖花园&lt;i&gt;服务中心&lt;/i&gt;');
    expect(html).not.toContain('<script>x');
  });
});
