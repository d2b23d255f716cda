// Tests every notice in every language: key texts, dates the office way, masking, escaping, no sensitive data, and which records fit.
import {
  buildNoticeModel,
  NOTICE_KEYS,
  NOTICE_PARTIALS,
  NOTICE_TEMPLATES,
  NoticeInput,
  NoticeKey,
  noticeDef,
  noticeFileName,
  noticeProblem,
  noticesFor,
  registerNoticeHelpers,
  renderNotice,
} from '../../src/domain/notices';
import { LANGS, Lang, Rec } from '../../src/domain/types';
import { ARREARS, CANARY, CHANGES, COMPLAINT, fixtureInput, ID_NUMBER, RECTIFICATION, SETTINGS, STATS } from '../fixtures/notices/records';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { assertSafe } = require('../../scripts/hbs.cjs') as { assertSafe: (source: string, file: string) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const HandlebarsRuntime = require('handlebars/runtime') as { create(): { partials: Record<string, unknown>; registerPartial(n: string, p: unknown): void } };

const render = (key: NoticeKey, lang: Lang, input: NoticeInput = fixtureInput(key, lang)): string => renderNotice(key, buildNoticeModel(key, input));

const ISSUED: Record<Lang, string> = { 'zh-Hans': '2026年11月25日', 'zh-Hant': '2026年11月25日', en: '25 November 2026' };
const FOOTER_PHONE: Record<Lang, string> = { 'zh-Hans': '电话：0755-86001234', 'zh-Hant': '電話：0755-86001234', en: 'Phone: 0755-86001234' };
const STAMP: Record<Lang, string> = { 'zh-Hans': '翠湖花园管理处（盖章）', 'zh-Hant': '翠湖花园管理處（蓋章）', en: '翠湖花园 Management Office (stamp)' };
const RECORD_ID: Record<NoticeKey, string> = {
  rectification: 'V-2026-0012',
  cut_notice: 'V-2026-0031',
  fee_reminder: 'V-2026-0031',
  complaint_reply: 'C-2026-0042',
  household_changes: '20261119-20261125',
  weekly_stats: '20261116-20261122',
  monthly_stats: '20261101-20261130',
  emergency_entry: 'EE-2026-0003',
  release_pass: 'RP-2026-0007',
  monthly_summary: '20261101-20261130',
  move_in_notice: 'MI-2026-0004',
  inspection_list: 'MI-2026-0004',
  evidence_pack: 'V-2026-0031',
};

/** What each notice must show, per language: the facts a reader checks. */
const EXPECTED: Record<NoticeKey, Record<Lang, string[]>> = {
  rectification: {
    'zh-Hans': ['违章整改通知书', '3栋1201', '张三丰', '2026年11月20日 10:15', '2026年12月5日 17:30', '《装修管理规定》第五条', '装修违章', '签收人', '特此通知。'],
    'zh-Hant': ['違章整改通知書', '3栋1201', '张三丰', '2026年11月20日 10:15', '2026年12月5日 17:30', '《装修管理规定》第五条', '裝修違章', '簽收人'],
    en: ['Rectification Notice', '3栋1201', '张三丰', '20 November 2026 10:15', '5 December 2026 17:30', '《装修管理规定》第五条', 'Decoration', 'Received by'],
  },
  cut_notice: {
    'zh-Hans': ['停水停电通知', '5栋302', '李四', '3,560.00元', '人民币叁仟伍佰陆拾元整', '2026年11月28日 09:30', '2026年11月25日 09:00', '不少于<strong>3</strong>日', '管理处经理：王建国'],
    'zh-Hant': ['停水停電通知', '5栋302', '李四', '3,560.00元', '人民幣參仟伍佰陸拾元整', '2026年11月28日 09:30', '2026年11月25日 09:00', '不少於<strong>3</strong>日', '管理處經理：王建国'],
    en: ['Notice of Water and Power Suspension', '5栋302', '李四', 'CNY 3,560.00', '28 November 2026 09:30', '25 November 2026 09:00', 'at least <strong>3</strong> days', 'Office manager: 王建国'],
  },
  fee_reminder: {
    'zh-Hans': ['催缴函', '5栋302', '李四', '3,560.00元', '人民币叁仟伍佰陆拾元整', '2026年12月10日', '截至<strong>2026年11月25日</strong>'],
    'zh-Hant': ['催繳函', '5栋302', '李四', '3,560.00元', '人民幣參仟伍佰陸拾元整', '2026年12月10日'],
    en: ['Payment Reminder', '5栋302', '李四', 'CNY 3,560.00', '10 December 2026'],
  },
  complaint_reply: {
    'zh-Hans': ['投诉处理答复', '尊敬的陈小梅：', '2026年11月18日 14:05', '138****1234', '已更换2号电梯控制板并完成安全检测。<br>维保单位每周巡检一次。', '2026年11月20日 16:40'],
    'zh-Hant': ['投訴處理答覆', '尊敬的陈小梅：', '2026年11月18日 14:05', '138****1234', '2026年11月20日 16:40'],
    en: ['Reply to Your Complaint', 'Dear 陈小梅,', '18 November 2026 14:05', '138****1234', '20 November 2026 16:40'],
  },
  household_changes: {
    'zh-Hans': ['重点户异动表', '<strong>2026年11月19日</strong>至<strong>2026年11月25日</strong>', '共<strong>2</strong>条', '新增重点户', '迁出', '1101**********1234', '秩序维护组', '环境卫生组', '工程维修组', '2026年11月24日 15:30'],
    'zh-Hant': ['重點戶異動表', '新增重點戶', '遷出', '1101**********1234', '秩序維護組', '環境衛生組', '工程維修組'],
    en: ['Key Household Changes', '19 November 2026', '25 November 2026', 'Added', 'Moved out', '1101**********1234', 'Security group', 'Environment group', 'Maintenance group'],
  },
  weekly_stats: {
    'zh-Hans': ['投诉周统计', '<strong>2026年11月16日</strong>至<strong>2026年11月22日</strong>', '受理投诉<strong>13</strong>件', '超时未办<strong>7</strong>项', '报：管理处经理王建国', '（未派单）', '处理超时'],
    'zh-Hant': ['投訴週統計', '受理投訴<strong>13</strong>件', '超時未辦<strong>7</strong>項', '（未派單）'],
    en: ['Weekly Complaint Statistics', '16 November 2026', '22 November 2026', '(not dispatched)', 'Resolution late'],
  },
  monthly_stats: {
    'zh-Hans': ['投诉月统计', '<strong>2026年11月1日</strong>至<strong>2026年11月30日</strong>', '受理投诉<strong>13</strong>件', '有效投诉<strong>11</strong>件', '时限执行情况', '15 分钟内', '轻微投诉处理完毕', '2 天内', '当天', '83%', '9 分钟', '30 小时', '6 天', '（未派单）', '按投诉渠道', '电话'],
    'zh-Hant': ['投訴月統計', '時限執行情況', '15 分鐘內', '輕微投訴處理完畢', '（未派單）'],
    en: ['Monthly Complaint Statistics', '1 November 2026', '30 November 2026', 'Time limits kept', '15 minutes', 'Same day', '83%', '9 min', '(not dispatched)'],
  },
  emergency_entry: {
    'zh-Hans': ['突发事件处理记录表', '<strong>2026年11月24日 21:40</strong>', '进入<strong>7栋302</strong>勘察', '入户原因', '秩序维护员 赵刚', '已通知120送医', '管理处', '客服 刘洋', '秩序维护部', '邻居或亲属', '邻居 孙阿姨', '签字', '138****5678', '1101**********1234'],
    'zh-Hant': ['突發事件處理記錄表', '見證方', '秩序維護部', '鄰居或親屬', '邻居 孙阿姨', '簽字'],
    en: ['Emergency Entry Record', '24 November 2026 21:40', 'Neighbour or relative', 'Signature', '邻居 孙阿姨'],
  },
  release_pass: {
    'zh-Hans': ['物资搬运放行条', '秩序维护部门岗：', '6-1-201', '赵师傅', '冰箱一台', '业主确认：黄志强', '王建国　2026年11月25日 08:40', '门岗放行人', '138****5678'],
    'zh-Hant': ['物資搬運放行條', '業主確認：黄志强', '門崗放行人'],
    en: ['Goods Release Pass', 'To the gate:', '赵师傅', 'Owner: 黄志强', 'Gate guard'],
  },
  monthly_summary: {
    'zh-Hans': ['月度工作汇总', '报：管理处经理王建国', '受理求助报事<strong>15</strong>件', '<strong>3</strong>件逾期未办', '发现违章<strong>5</strong>件', '应完成<strong>12</strong>次，按时完成<strong>10</strong>次', '报修', '限期整改中', '来访登记', '访客超时未离开', '不含住户姓名'],
    'zh-Hant': ['月度工作彙總', '受理求助報事<strong>15</strong>件', '來訪登記', '訪客超時未離開'],
    en: ['Month-end Summary', '1 November 2026', '30 November 2026', 'Help requests by type', 'Care visits', 'Visitors', 'Visitor still inside'],
  },
  move_in_notice: {
    'zh-Hans': ['入住通知书', '尊敬的黄志强&lt;script&gt;', '<strong>6栋201</strong>已具备入住条件', '<strong>2026年11月28日</strong>', '办理流程', '所需材料', '0755-86001234'],
    'zh-Hant': ['入住通知書', '已具備入住條件', '辦理流程', '房號'],
    en: ['Move-in Notice', 'Dear 黄志强', '28 November 2026', 'Move-in date'],
  },
  inspection_list: {
    'zh-Hans': ['验房确认单', '验房项目', '<th style="border:1px solid #000;padding:2pt 4pt;">完好</th>', '有问题', '卫生间', '钥匙<strong>3</strong>把，门禁卡<strong>2</strong>张', '管理处（签字）', '业主/住户（签字）'],
    'zh-Hant': ['驗房確認單', '有問題', '衛生間', '業主/住戶（簽字）'],
    en: ['Inspection Checklist', 'Problem', 'Bathroom', '<strong>3</strong> keys', 'Resident (signature)'],
  },
  evidence_pack: {
    'zh-Hans': ['证据包', '台账', '违章', '5栋302', '已送达停水停电通知', '变更记录', '2026年9月1日 09:00', '联系电话 138****5678', '生成文书：停水停电通知', '〔2026〕停水字第 002 号', '<a href="https://drive.google.com/file/d/CUT1/view">', '催缴函', '门口.jpg', '<a href="https://drive.google.com/file/d/PHOTO1/view">', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '2026年11月24日 16:05', '时限执行情况', '限期整改', '未到期', '送达停水停电通知', '停水停电2026年11月28日 09:30，须提前3天送达', '按时', '“变更记录”核验通过，共 12 条', '王建国 &lt;manager@example.com&gt;', 'page-break-before:always', '<thead>'],
    'zh-Hant': ['證據包', '違章', '變更記錄', '時限執行情況', '未到期', '按時', '須提前3天送達'],
    en: ['Evidence Pack', 'Violations', 'Record history', 'Time limits kept', 'Not yet due', 'On time', 'serve 3 days ahead', 'Verification: '],
  },
};

/** What must never show: unmasked personal data, and rows outside the period. */
const FORBIDDEN: Record<NoticeKey, string[]> = {
  rectification: ['张**'],
  cut_notice: ['李**'],
  fee_reminder: ['李**'],
  complaint_reply: ['13812341234', '家中老人行动不便'],
  household_changes: [ID_NUMBER, 'OUTSIDE-PERIOD', '9栋909', '刘桂英', '13812345678', '高危病史', '高危病史', '有犯罪記錄', '有犯罪记录', 'Criminal record', '恶意欠费', '惡意欠費', 'Bad credit', 'High-risk illness'],
  weekly_stats: [],
  monthly_stats: ['NaN', 'undefined'],
  emergency_entry: ['13812345678', ID_NUMBER, 'undefined'],
  release_pass: ['13812345678', 'undefined'],
  // Registers this workbook does not have are left out, not shown as 0 rows of something unknown.
  monthly_summary: ['NaN', 'undefined', '放行'],
  move_in_notice: ['<script>', 'undefined'],
  inspection_list: ['<script>', 'undefined', 'NaN'],
  evidence_pack: ['13812345678', '<script>', 'undefined', 'NaN', 'Invalid'],
};

describe.each(NOTICE_KEYS.flatMap((k) => LANGS.map((l) => [k, l] as const)))('%s in %s', (key, lang) => {
  const html = render(key, lang);

  test('is a whole A4 HTML document in the right language, print-ready', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain('@page { size: A4; margin: 20mm; }');
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html).toContain('"Noto Serif CJK SC"');
    // Google Docs' import keeps tables and inline styles, not flex or grid.
    expect(html).not.toMatch(/display:\s*(flex|grid)/);
  });

  test('shows the estate, the record id, the issue date, the stamp block and the office footer', () => {
    expect(html).toContain('翠湖花园');
    expect(html).toContain(RECORD_ID[key]);
    expect(html).toContain(ISSUED[lang]);
    expect(html).toContain(STAMP[lang]);
    expect(html).toContain(FOOTER_PHONE[lang]);
    expect(html).toContain('翠湖路88号物业服务中心一楼');
    expect(html).toContain(noticeDef(key)!.label[lang]);
  });

  test('shows the notice’s own facts', () => {
    for (const text of EXPECTED[key][lang]) expect(html).toContain(text);
  });

  test('hides what it must', () => {
    for (const text of FORBIDDEN[key]) expect(html).not.toContain(text);
    expect(html).not.toContain(CANARY);
    expect(html).not.toContain('CANARY');
  });

  test('renders hostile text inert', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]+\s(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
  });
});

describe('escaping', () => {
  test.each([
    ['rectification', '装修时拆除阳台与客厅之间的墙体 &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['fee_reminder', '李四&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['complaint_reply', '电梯经常停运 &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['household_changes', '租户 &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['weekly_stats', '秩序维护部&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['monthly_stats', '秩序维护部&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['release_pass', '旧沙发一套 &lt;script&gt;alert(1)&lt;/script&gt;'],
  ] as const)('%s shows the script tag as text', (key, text) => {
    expect(render(key, 'zh-Hans')).toContain(text);
  });

  test('a javascript: URL stays plain text', () => {
    const html = render('complaint_reply', 'en');
    expect(html).toContain('javascript:alert(document.cookie)');
    expect(html).not.toMatch(/<a\s/i);
  });

  test('a value that looks like a placeholder is not filled again', () => {
    const html = render('rectification', 'zh-Hans', { ...fixtureInput('rectification', 'zh-Hans'), record: { ...RECTIFICATION, unit: '{rectifyBy}{phone}' } });
    expect(html).toContain('发现<strong>{rectifyBy}{phone}</strong>存在');
  });

  test('the precompiler refuses unescaped output', () => {
    expect(() => assertSafe('<p>{{{x}}}</p>', 'bad.hbs')).toThrow(/bad\.hbs:1: unescaped output/);
    expect(() => assertSafe('<p>\n{{& x}}</p>', 'bad.hbs')).toThrow(/bad\.hbs:2/);
    expect(() => assertSafe('<p>{{x}}</p>', 'ok.hbs')).not.toThrow();
  });

  test('every notice template and partial passes the precompiler’s check', () => {
    const root = join(__dirname, '../../templates');
    const files = [
      ...readdirSync(join(root, 'notices')).map((f) => join(root, 'notices', f)),
      ...readdirSync(join(root, 'partials')).filter((f) => f.startsWith('notice')).map((f) => join(root, 'partials', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(() => assertSafe(readFileSync(f, 'utf8'), f)).not.toThrow();
  });
});

describe('view models', () => {
  test.each(NOTICE_KEYS.flatMap((k) => LANGS.map((l) => [k, l] as const)))('%s/%s carries no raw record and no sensitive note', (key, lang) => {
    const json = JSON.stringify(buildNoticeModel(key, fixtureInput(key, lang)));
    expect(json).not.toContain(CANARY);
    expect(json).not.toMatch(/"(notes|details|feedback|created_by|version|evidence|decided_by)"/);
  });

  test('the three languages use the same label keys', () => {
    for (const key of NOTICE_KEYS) {
      const [hans, hant, en] = LANGS.map((lang) => Object.keys(buildNoticeModel(key, fixtureInput(key, lang)).labels).sort());
      expect(hant).toEqual(hans);
      expect(en).toEqual(hans);
    }
  });

  test('a notice served on the party carries the name in full, even once the case is publicized; a posted list masks it', () => {
    expect(buildNoticeModel('fee_reminder', fixtureInput('fee_reminder', 'zh-Hans')).salutation).toContain('李四');
    const m = buildNoticeModel('fee_reminder', { ...fixtureInput('fee_reminder', 'zh-Hans'), record: { ...ARREARS, step: 'publicized' } });
    expect(m.salutation).toContain('李四');
    expect(buildNoticeModel('rectification', fixtureInput('rectification', 'zh-Hans')).salutation).toContain('张三丰');
    const list = buildNoticeModel('household_changes', fixtureInput('household_changes', 'zh-Hans'));
    expect(list.changes![0].after).toEqual(['刘**（独居老人）']);
  });

  test('missing facts become blanks to fill in by hand, not "undefined" or "Invalid Date"', () => {
    const record: Rec = { id: 'V-2026-0099', unit: '1栋1', category: 'hygiene', description: '楼道堆放杂物', found_at: null, rectify_by: null, party: null };
    const html = render('rectification', 'zh-Hans', { ...fixtureInput('rectification', 'zh-Hans'), record });
    expect(html).toContain('请于<strong>＿＿＿＿＿＿</strong>前自行整改完毕');
    expect(html).not.toMatch(/undefined|null|Invalid Date|NaN/);
    expect(html).toContain('1栋1业主/住户：');
  });

  test('a deadline entered as a bare date shows no 00:00', () => {
    const m = buildNoticeModel('rectification', { ...fixtureInput('rectification', 'zh-Hans'), record: { ...RECTIFICATION, rectify_by: new Date('2026-12-05T00:00:00+08:00') } });
    expect(m.fields.find((f) => f.label === '整改期限')!.lines).toEqual(['2026年12月5日']);
  });

  test('dates follow the office time zone from Settings', () => {
    const m = buildNoticeModel('cut_notice', { ...fixtureInput('cut_notice', 'en'), settings: { ...SETTINGS, timezone: 'Europe/London' } });
    expect(m.fields.find((f) => f.label === 'Planned suspension')!.lines).toEqual(['28 November 2026 01:30']);
    expect(m.issuedOn).toBe('25 November 2026');
  });

  test('the change list keeps only the period’s rows, oldest first', () => {
    const m = buildNoticeModel('household_changes', { ...fixtureInput('household_changes', 'zh-Hans'), rows: [...CHANGES].reverse() });
    expect(m.changes!.map((c) => [c.no, c.unit])).toEqual([
      [1, '1栋101'],
      [2, '4栋1502'],
    ]);
  });

  test('an empty period says so', () => {
    const html = render('household_changes', 'zh-Hans', { ...fixtureInput('household_changes', 'zh-Hans'), rows: [] });
    expect(html).toContain('本期无异动。');
    expect(html).toContain('共<strong>0</strong>条');
  });

  test('weekly statistics list every class and status (zeros too), departments by count, and totals', () => {
    const m = buildNoticeModel('weekly_stats', { ...fixtureInput('weekly_stats', 'zh-Hans'), stats: { ...STATS, byClass: { minor: 4 }, byStatus: { closed: 4 } } });
    const [byClass, byDepartment, byStatus, overdue] = m.tables!;
    expect(byClass.rows).toEqual([
      { label: '轻微', count: 4 },
      { label: '重要', count: 0 },
      { label: '重大', count: 0 },
      { label: '无效', count: 0 },
    ]);
    expect(byClass.total).toBe(4);
    expect(byDepartment.rows.map((r) => r.label)).toEqual(['工程部', '保洁部', '秩序维护部<script>alert(1)</script>', '（未派单）']);
    expect(byDepartment.total).toBe(13);
    expect(byStatus.rows).toHaveLength(7);
    expect(overdue.rows.find((r) => r.label === '处理超时')).toEqual({ label: '处理超时', count: 4 });
    expect(overdue.total).toBe(7);
  });
});

describe('which notices fit which records', () => {
  test('only the cut notice is a penalty; the posted notices are public', () => {
    expect(NOTICE_TEMPLATES.filter((d) => d.penalty).map((d) => d.key)).toEqual(['cut_notice']);
    expect(NOTICE_TEMPLATES.filter((d) => d.audience === 'posted').map((d) => d.key)).toEqual(['household_changes', 'weekly_stats', 'monthly_stats', 'monthly_summary']);
    expect(NOTICE_TEMPLATES.map((d) => d.key)).toEqual([...NOTICE_KEYS]);
  });

  const v = (step: string, category = 'decoration'): Rec => ({ ...RECTIFICATION, step, category });
  test.each([
    ['rectification', v('reported'), true],
    ['rectification', v('educated'), true],
    ['rectification', v('rectification_ordered'), true],
    ['rectification', v('rectified'), false],
    ['rectification', v('compensation'), false],
    ['rectification', v('closed'), false],
    ['cut_notice', v('rectification_ordered', 'fees'), true],
    ['cut_notice', v('cut_notice_served', 'fees'), true],
    ['cut_notice', v('rectification_ordered', 'decoration'), false],
    ['cut_notice', v('cut', 'fees'), false],
    ['fee_reminder', v('educated', 'fees'), true],
    ['fee_reminder', v('educated', 'hygiene'), false],
    ['fee_reminder', v('closed', 'fees'), false],
    ['complaint_reply', { ...COMPLAINT, status: 'received' }, false],
    ['complaint_reply', { ...COMPLAINT, status: 'in_progress' }, false],
    ['complaint_reply', { ...COMPLAINT, status: 'resolved' }, true],
    ['complaint_reply', { ...COMPLAINT, status: 'notified' }, true],
    ['complaint_reply', { ...COMPLAINT, status: 'closed' }, true],
    ['weekly_stats', COMPLAINT, false],
    ['household_changes', CHANGES[0], true],
  ] as const)('%s fits %o: %s', (key, rec, fits) => {
    expect(noticeDef(key)!.fits(rec as Rec)).toBe(fits);
  });

  test('noticesFor offers the notices of a record’s register and state', () => {
    expect(noticesFor('violations', ARREARS).map((d) => d.key)).toEqual(['cut_notice', 'fee_reminder', 'evidence_pack']);
    expect(noticesFor('violations', RECTIFICATION).map((d) => d.key)).toEqual(['rectification', 'evidence_pack']);
    expect(noticesFor('complaints', COMPLAINT).map((d) => d.key)).toEqual(['complaint_reply', 'evidence_pack']);
  });
});

describe('noticeProblem', () => {
  const cut = (served: string | null, planned: string | null, days?: number): NoticeInput => ({
    ...fixtureInput('cut_notice', 'zh-Hans'),
    settings: days === undefined ? SETTINGS : { ...SETTINGS, violation_cut_notice_days: days },
    record: { ...ARREARS, cut_notice_served_at: served ? new Date(served) : null, cut_planned_at: planned ? new Date(planned) : null },
  });
  test.each([
    ['exactly 3 days after serving', cut('2026-11-25T09:00:00+08:00', '2026-11-28T09:00:00+08:00'), null],
    ['one minute short of 3 days', cut('2026-11-25T09:00:00+08:00', '2026-11-28T08:59:00+08:00'), 'cut_planned_at'],
    ['not served yet: counted from now', cut(null, '2026-11-27T09:00:00+08:00'), 'cut_planned_at'],
    ['not served yet, far enough ahead', cut(null, '2026-11-30T09:00:00+08:00'), null],
    ['office setting of 5 days', cut('2026-11-25T09:00:00+08:00', '2026-11-29T09:00:00+08:00', 5), 'cut_planned_at'],
    ['no planned time', cut('2026-11-25T09:00:00+08:00', null), 'cut_planned_at'],
  ])('cut notice, %s', (_name, input, field) => {
    expect(noticeProblem('cut_notice', input)?.field ?? null).toBe(field);
  });

  test('the 3-day message names the number of days', () => {
    expect(noticeProblem('cut_notice', cut('2026-11-25T09:00:00+08:00', '2026-11-26T09:00:00+08:00'))!.message).toBe('计划停水停电时间须在通知送达 3 天以后');
  });

  test.each([
    ['cut_notice', { ...RECTIFICATION }, 'category'],
    ['fee_reminder', { ...RECTIFICATION }, 'category'],
    ['rectification', { ...RECTIFICATION, rectify_by: null }, 'rectify_by'],
    ['rectification', RECTIFICATION, null],
    ['complaint_reply', { ...COMPLAINT, resolution: '' }, 'resolution'],
    ['complaint_reply', COMPLAINT, null],
  ] as const)('%s on %o → %s', (key, record, field) => {
    expect(noticeProblem(key, { ...fixtureInput(key, 'en'), record: record as Rec })?.field ?? null).toBe(field);
  });

  test('period and statistics notices need no record', () => {
    expect(noticeProblem('household_changes', fixtureInput('household_changes', 'zh-Hans'))).toBeNull();
    expect(noticeProblem('weekly_stats', fixtureInput('weekly_stats', 'zh-Hans'))).toBeNull();
  });
});

describe('file names and registration', () => {
  test.each([
    ['rectification', 'V-2026-0012', '2026-11-24T16:30:00Z', 'Asia/Shanghai', 'rectification-V-2026-0012-20261125'],
    ['rectification', 'V-2026-0012', '2026-11-24T16:30:00Z', 'UTC', 'rectification-V-2026-0012-20261124'],
    ['household_changes', '20261119-20261125', '2026-11-25T09:00:00+08:00', 'Asia/Shanghai', 'household_changes-20261119-20261125-20261125'],
    ['complaint_reply', 'C/../2026 0042', '2026-11-25T09:00:00+08:00', 'Asia/Shanghai', 'complaint_reply-C____2026_0042-20261125'],
  ])('%s %s at %s (%s) → %s', (key, id, at, tz, expected) => {
    expect(noticeFileName(key, id, new Date(at), tz)).toBe(expected);
  });

  test('registerNoticeHelpers puts the notice partials on the given runtime', () => {
    const hb = HandlebarsRuntime.create();
    registerNoticeHelpers(hb);
    expect(Object.keys(hb.partials).sort()).toEqual(Object.keys(NOTICE_PARTIALS).sort());
  });

  test('an unknown template is refused', () => {
    expect(() => buildNoticeModel('nope' as NoticeKey, fixtureInput('rectification', 'en'))).toThrow(/Unknown notice template/);
  });
});
