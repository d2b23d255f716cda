// The 文书模板 tab through dist/Code.js: the office's wording in the preview and the generated Doc, escaped, and bad rows reported by row with the built-in text used.
import { as, CLERK, ok, rpc, Result, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation } from './book';
import type { Host } from '../../src/local/host';

const TAB = '文书模板';
const BUILTIN_P4 = '如对本通知有疑问，请在办公时间到管理处咨询，或致电';
const BUILTIN_P1 = '管理处于';

function withViolation(): { host: Host; id: string } {
  const host = setUpBook();
  ok(rpc(host, 'setupWorkbook')); // fills nothing new; the tab is already there from the first setup
  const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', party: '孙某某' })));
  ok(rpc(host, 'transition', 'violations', v.id, 1, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '《装修管理规定》第五条' }));
  return { host, id: v.id! };
}

/** Writes Text on the reference row of a template's part, as the office would; returns the sheet row number. */
function setWording(host: Host, template: string, part: string, text: string): number {
  const rows = sheetNamed(host, TAB).rows;
  const i = rows.findIndex((r) => r && r[0] === template && r[1] === part);
  if (i < 0) throw new Error(`no row ${template}/${part}`);
  rows[i][2] = text;
  return i + 1;
}

/** A row the office adds at the end; returns its sheet row number. */
function addRow(host: Host, row: string[]): number {
  const rows = sheetNamed(host, TAB).rows;
  rows.push(row);
  return rows.length;
}

const preview = (host: Host, id: string): Result => ok(as(host, CLERK, () => rpc(host, 'previewNotice', 'violations', id, 'rectification')));
const paragraphs = (html: string): string[] => [...html.matchAll(/<p class="para"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]);

describe('the 文书模板 tab', () => {
  it('is created at setup with its headers, a note, and every part of every notice with its built-in text and Text empty', () => {
    const host = setUpBook();
    const rows = sheetNamed(host, TAB).rows;
    expect(rows[0].slice(0, 4)).toEqual(['模板', '段落', '文字', '内置文字（参考）']);
    expect(rows[1][0]).toBe('说明');
    expect(String(rows[1][3])).toContain('{phone}');
    expect(rows.slice(1).every((r) => r[2] === '' || r[2] === null || r[2] === undefined)).toBe(true);
    const ref = (t: string, p: string) => rows.find((r) => r[0] === t && r[1] === p)?.[3];
    expect(ref('违章整改通知书', '第4段')).toBe('如对本通知有疑问，请在办公时间到管理处咨询，或致电{phone}。感谢您的理解与配合。');
    expect(ref('催缴函', '称呼')).toBe('尊敬的{unit}业主/住户{party}：');
    expect(ref('全部', '落款')).toBe('{estate}管理处（盖章）');
    expect(ref('违章整改通知书', '结束语')).toBe('特此通知。');
    // A letter has no closing line, so it offers none.
    expect(ref('催缴函', '结束语')).toBeUndefined();
  });

  it('leaves the built-in text and says nothing while Text is empty', () => {
    const { host, id } = withViolation();
    const r = preview(host, id);
    expect(r.warnings).toEqual([]);
    expect(String(r.previewHtml)).toContain(BUILTIN_P4);
  });

  it('puts the office wording into the preview and the generated Doc, with placeholders filled and the text escaped', () => {
    const { host, id } = withViolation();
    setWording(host, '违章整改通知书', '第4段', '有疑问请致电{phone}，<b>周末</b>也有人接听 & 谢谢。');
    setWording(host, '违章整改通知书', '称呼', '尊敬的{party}先生/女士：');
    setWording(host, '违章整改通知书', '结束语', '此致');
    setWording(host, '违章整改通知书', '标题', '{estate}整改通知');
    setWording(host, '全部', '抬头', '{estate}物业服务中心');
    setWording(host, '全部', '落款', '{estate}客户服务中心（盖章）');
    const r = preview(host, id);
    expect(r.warnings).toEqual([]);
    const html = String(r.previewHtml);
    const paras = paragraphs(html);
    expect(paras).toContain(`有疑问请致电<strong>${phone(host) || '＿＿＿＿＿＿'}</strong>，&lt;b&gt;周末&lt;/b&gt;也有人接听 &amp; 谢谢。`);
    expect(html).not.toContain('<b>周末');
    expect(html).not.toContain(BUILTIN_P4);
    expect(html).toContain('尊敬的孙某某先生/女士：');
    expect(paras).toContain('此致');
    expect(html).not.toContain('特此通知');
    expect(html).toMatch(/<h1[^>]*>[^<]*整改通知<\/h1>/);
    expect(html).toContain('物业服务中心</p>');
    expect(html).toContain('客户服务中心（盖章）');

    const doc = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', id, 'rectification')));
    expect(doc.warnings).toEqual([]);
    const exported = host.pdfRequests[host.pdfRequests.length - 1].html;
    for (const out of [String(doc.previewHtml), exported]) {
      expect(out).toContain('&lt;b&gt;周末&lt;/b&gt;也有人接听');
      expect(out).not.toContain(BUILTIN_P4);
      expect(out).toContain('客户服务中心（盖章）');
    }
    // The override is the office's own for this notice only: the payment reminder keeps its wording.
    const fee = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'fees', amount: 1200 })));
    const reminder = ok(as(host, CLERK, () => rpc(host, 'previewNotice', 'violations', fee.id, 'fee_reminder')));
    expect(String(reminder.previewHtml)).toContain('如有疑问，请致电');
    expect(String(reminder.previewHtml)).toContain('客户服务中心（盖章）'); // the shared stamp line
  });

  it('reports a bad placeholder with its row, uses the built-in paragraph there, and never runs what is typed', () => {
    const { host, id } = withViolation();
    const p1 = setWording(host, '违章整改通知书', '第1段', '{constructor}发现问题');
    const p2 = setWording(host, '违章整改通知书', '第2段', '违反了{{constructor}}');
    const p3 = setWording(host, '违章整改通知书', '第3段', '请于{rectifyBy前整改');
    const p4 = setWording(host, '违章整改通知书', '第4段', '请致电{phone}。{__proto__}');
    const badTemplate = addRow(host, ['整改单', '第1段', '随便写', '']);
    const badPart = addRow(host, ['违章整改通知书', '第9段', '随便写', '']);
    const otherNotice = setWording(host, '催缴函', '第1段', '{nothing}');
    const before = snapshot(host);
    const r = preview(host, id);
    const warnings = r.warnings as string[];
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^文书模板第 ${p1} 行：占位符 \\{constructor\\} 不认识，这一段可用：\\{foundAt\\}、\\{unit\\}；已改用内置文字$`)),
      `文书模板第 ${p2} 行：占位符只用一层花括号，如 {phone}，不写 {{phone}}；已改用内置文字`,
      `文书模板第 ${p3} 行：花括号不成对；已改用内置文字`,
      expect.stringContaining(`文书模板第 ${p4} 行：占位符 {__proto__} 不认识`),
      `文书模板第 ${badTemplate} 行：没有“整改单”这种文书`,
      expect.stringContaining(`文书模板第 ${badPart} 行：没有“第9段”这个段落`),
    ]);
    expect(warnings.join()).not.toContain(`第 ${otherNotice} 行`);
    const html = String(r.previewHtml);
    const paras = paragraphs(html);
    expect(paras[0]).toContain(BUILTIN_P1);
    expect(paras.join()).toContain('上述行为违反了');
    expect(paras.join()).toContain('前自行整改完毕');
    expect(html).toContain(BUILTIN_P4);
    for (const leak of ['native code', 'function Object', 'constructor', '__proto__', '随便写']) expect(html).not.toContain(leak);
    // Reading the tab writes nothing.
    expect(snapshot(host)).toBe(before);

    const reminder = ok(as(host, CLERK, () => rpc(host, 'previewNotice', 'violations', ok(rpc(host, 'createRecord', 'violations', violation({ category: 'fees', amount: 800 }))).id, 'fee_reminder')));
    // In row order: each notice hears of its own rows and of rows that name no notice.
    expect(reminder.warnings).toEqual([
      `文书模板第 ${otherNotice} 行：占位符 {nothing} 不认识，这一段可用：{today}、{amount}、{amountWords}；已改用内置文字`,
      `文书模板第 ${badTemplate} 行：没有“整改单”这种文书`,
    ]);
  });

  it('is locked to the manager and the supervisors, and follows Roles', () => {
    const host = setUpBook();
    const lock = () => sheetNamed(host, TAB).protections.find((p) => p.kind === 'SHEET')!;
    expect(lock()).toMatchObject({ warningOnly: false });
    // The manager set the workbook up and owns it: Google keeps the owner an editor whatever the list says.
    expect(lock().editors).toContain(SUPERVISOR);
    expect(lock().editors).not.toContain(CLERK);
    ok(rpc(host, 'updateRecord', 'roles', CLERK, 1, { roles: ['clerk', 'supervisor'] }));
    expect(lock().editors).toContain(CLERK);
    ok(rpc(host, 'updateRecord', 'roles', SUPERVISOR, 1, { roles: ['clerk'] }));
    expect(lock().editors).not.toContain(SUPERVISOR);
  });

  it('is found again by its headers in another language, and a second setup adds nothing to it', () => {
    const host = setUpBook({ lang: 'en' });
    const rows = sheetNamed(host, 'Notice wording').rows;
    expect(rows[0].slice(0, 4)).toEqual(['Template', 'Part', 'Text', 'Built-in text (for reference)']);
    const n = rows.length;
    ok(rpc(host, 'setupWorkbook'));
    expect(sheetNamed(host, 'Notice wording').rows.length).toBe(n);
  });
});

/** The office phone as Settings holds it after setup in the test book. */
function phone(host: Host): string {
  const row = sheetNamed(host, '设置').rows.find((r) => r && r[0] === 'office_phone');
  return String(row?.[1] ?? '');
}
