// Need-to-know end to end: canary values in every field of every register, then every outbound path (digests, change lists, notices, the stats tab, the log) checked.
import { as, CLERK, ok, rpc, Result, setUpBook, sheetNamed, MANAGER, setSetting } from './book';
import type { Host } from '../../src/local/host';

const ID = '440301199001011234';
const ID_MASKED = '4403**********1234';
const MOBILE = '13912345678';
const MOBILE_MASKED = '139****5678';
const LANDLINE = '0755-87654321';
/** The same mobile as people type it: with the country code and spaces, and with dashes. */
const MOBILE_TYPED = ['+86 139 1234 5678', '139-1234-5678'];
const OCCUPANT = '欧阳金丝雀';
const PARTY = '欧阳当事人';
const COMPLAINANT = '欧阳投诉人';
const NOTES = 'CANARY-NOTES';
/** Personal data a clerk may type into any free text. */
const TYPED = `证件${ID} 手机${MOBILE} 座机${LANDLINE} 又${MOBILE_TYPED.join(' 或 ')}`;
const LABEL = { criminal: '有犯罪记录', credit: '恶意欠费', health: '高危病史', tenant: '租户', troublemaker: '习惯性滋事', care: '独居老人' };

const SEC = 'sec-group@estate.example';
const ENV = 'env-group@estate.example';
const MAINT = 'maint-group@estate.example';


const scan = (host: Host) => host.callAsTrigger('runOverdueScan', { triggerUid: 'privacy' }) as Result;

/** A workbook with canaries in every field, scanned on the Saturday after, with every notice generated. */
function canaryBook() {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  setSetting(host, 'emails_security', SEC);
  setSetting(host, 'emails_environment', ENV);
  setSetting(host, 'emails_maintenance', MAINT);
  setSetting(host, 'emails_supervisors', 'sup-group@estate.example');
  setSetting(host, 'emails_manager', 'mgr-group@estate.example');

  const h = ok(
    rpc(host, 'createRecord', 'households', {
      unit: '9-9-909',
      occupant: OCCUPANT,
      categories: ['criminal_record', 'bad_credit', 'high_risk_illness', 'tenant', 'elderly_alone'],
      living: 'alone',
      age_band: 'CANARY-AGE',
      phone: MOBILE,
      emergency_contact: 'CANARY-EMERGENCY',
      emergency_phone: LANDLINE,
      id_number: ID,
      helpers: 1,
      due_date: '2026-12-20',
      moved_in_on: '2026-11-01',
      screened_at: '2026-11-24T10:00:00+08:00',
      needs: `需要助行器 ${TYPED}`,
      notes: `${NOTES} ${TYPED}`,
    }),
  );
  ok(
    rpc(host, 'updateRecord', 'households', h.id, 1, {
      categories: ['criminal_record', 'bad_credit', 'high_risk_illness', 'troublemaker', 'elderly_alone', 'disabled'],
      phone: '13700001111',
      emergency_phone: '0755-11112222',
      notes: `${NOTES}-2`,
      needs: `需要轮椅 ${TYPED}`,
    }),
  );
  ok(rpc(host, 'createRecord', 'care_log', { household_id: h.id, at: '2026-11-25T08:00:00+08:00', kind: 'visit', by: '李晓梅', notes: `${NOTES} ${TYPED}` }));

  const c = ok(
    rpc(host, 'createRecord', 'complaints', {
      received_at: '2026-11-25T08:30:00+08:00',
      channel: 'phone',
      complainant: COMPLAINANT,
      unit: '9-9-909',
      phone: MOBILE,
      department: '工程部',
      subject: `楼上漏水 ${TYPED}`,
      details: `详情 ${TYPED}`,
      class: 'minor',
    }),
  );
  ok(rpc(host, 'transition', 'complaints', c.id, 1, 'resolve', { resolution: `已维修 ${TYPED}` }));
  ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-25T08:40:00+08:00', complainant: COMPLAINANT, phone: MOBILE, subject: `噪音 ${TYPED}`, class: 'important' }));

  const fees = ok(
    rpc(host, 'createRecord', 'violations', {
      found_at: '2026-11-20T10:00:00+08:00',
      unit: '9-9-909',
      party: PARTY,
      category: 'fees',
      subtype: `欠费 ${TYPED}`,
      severity: 'general',
      description: `拖欠物业费 ${TYPED}`,
      evidence: `催缴记录 ${TYPED}`,
      rule_broken: `《管理规约》${TYPED}`,
      amount: 3560,
    }),
  );
  ok(rpc(host, 'transition', 'violations', fees.id, 1, 'educate'));
  ok(rpc(host, 'transition', 'violations', fees.id, 2, 'serve_cut_notice', { cut_planned_at: '2026-12-01T09:00:00+08:00' }));
  const deco = ok(
    rpc(host, 'createRecord', 'violations', {
      found_at: '2026-11-20T10:00:00+08:00',
      unit: '9-9-909',
      party: PARTY,
      category: 'decoration',
      severity: 'general',
      description: `拆墙 ${TYPED}`,
    }),
  );
  ok(rpc(host, 'transition', 'violations', deco.id, 1, 'order_rectification', { rectify_by: '2026-11-26T17:00:00+08:00', rule_broken: `《装修管理规定》${TYPED}` }));
  ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:50:00+08:00', type: 'repair', unit: '9-9-909', requester: '欧阳求助人', phone: MOBILE, details: `水管坏了 ${TYPED}` }));
  // A medical request mails the supervisors at once, and a complaint-type one opens a complaint: both outbound too.
  ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:52:00+08:00', type: 'medical', unit: '9-9-909', requester: '欧阳求助人', phone: MOBILE, details: `老人摔倒 ${TYPED}` }));
  ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:53:00+08:00', type: 'complaint', unit: '9-9-909', requester: '欧阳求助人', phone: MOBILE, details: `噪音投诉 ${TYPED}` }));
  ok(as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text: `巡逻 ${NOTES} ${TYPED}` })));
  ok(rpc(host, 'createRecord', 'roles', { email: 'canary-staff@estate.example', name: `保安 ${TYPED}`, roles: ['department'], department: '工程部' }));
  ok(rpc(host, 'createRecord', 'passes', { holder: '欧阳保姆', role: 'nanny', unit: '9-9-909', issued_on: '2026-09-01', expires_on: '2026-11-30' }));

  // Saturday morning, after the digest hour: overdue digests, the change lists and the weekly statistics all go out.
  host.setNow('2026-11-28T09:00:00+08:00');
  ok(scan(host));
  const notices: Record<string, string> = {};
  const gen = (register: string, id: string, template: string) => {
    const r = ok(as(host, MANAGER, () => rpc(host, 'generateNotice', register, id, template)));
    notices[template] = String(r.previewHtml);
    ok(rpc(host, 'previewNotice', register, id, template));
  };
  gen('violations', String(deco.id), 'rectification');
  gen('violations', String(fees.id), 'cut_notice');
  gen('violations', String(fees.id), 'fee_reminder');
  gen('complaints', String(c.id), 'complaint_reply');
  gen('household_changes', '2026-11-28', 'household_changes');
  gen('complaints', '2026-11-28', 'weekly_stats');
  return { host, notices };
}

describe('privacy: need-to-know, per recipient', () => {
  const { host, notices } = canaryBook();
  const mailsTo = (to: string) => host.outbox.filter((m) => m.to.includes(to));
  const changeList = (to: string) => {
    const m = mailsTo(to).filter((x) => x.subject.includes('重点户异动'));
    expect(m).toHaveLength(1);
    return `${m[0].subject}\n${m[0].htmlBody}\n${m[0].body}`;
  };
  const statsTab = JSON.stringify(sheetNamed(host, '投诉统计').rows);
  const pdfs = host.pdfRequests.map((p) => p.html);
  /** Every outbound path, each named so a failure says where the canary leaked. */
  const outbound: [string, string][] = [
    ...host.outbox.map((m, i) => [`mail ${i} to ${m.to}: ${m.subject}`, `${m.subject}\n${m.htmlBody}\n${m.body}\n${m.cc}\n${m.bcc}`] as [string, string]),
    ...Object.entries(notices).map(([k, html]) => [`notice ${k}`, html] as [string, string]),
    ...pdfs.map((html, i) => [`pdf ${i}`, html] as [string, string]),
    ['stats tab', statsTab],
    ['log', host.logs.join('\n')],
  ];

  it('reaches every outbound path: each group, the supervisors (digest and urgent request), the manager, six notices, the stats tab', () => {
    for (const to of [SEC, ENV, MAINT]) changeList(to);
    expect(mailsTo('sup-group@estate.example').some((m) => m.subject.includes('逾期提醒'))).toBe(true);
    expect(mailsTo('sup-group@estate.example').some((m) => m.subject.includes('紧急求助'))).toBe(true);
    expect(mailsTo('mgr-group@estate.example').some((m) => m.subject.startsWith('投诉 ·'))).toBe(true);
    expect(pdfs).toHaveLength(6);
    expect(statsTab).toContain('工程部');
  });

  it('never lets ID numbers, phone numbers, notes, contacts, health or credit out anywhere', () => {
    const never = [ID, MOBILE, '13700001111', LANDLINE, '0755-11112222', ...MOBILE_TYPED, NOTES, 'CANARY-EMERGENCY', 'CANARY-AGE', LABEL.health, LABEL.credit];
    for (const [where, text] of outbound) for (const canary of never) expect(`${where}: ${text.includes(canary) ? canary : ''}`).toBe(`${where}: `);
  });

  it('shows criminal records only in the security group’s change list', () => {
    for (const [where, text] of outbound) {
      if (!where.includes(SEC)) expect(`${where}: ${text.includes(LABEL.criminal)}`).toBe(`${where}: false`);
    }
    const sec = changeList(SEC);
    for (const word of ['9-9-909', OCCUPANT, LABEL.criminal, LABEL.tenant, LABEL.troublemaker]) expect(sec).toContain(word);
  });

  it('gives the environment and maintenance groups the unit and the care needs only', () => {
    for (const to of [ENV, MAINT]) {
      const list = changeList(to);
      expect(list).toContain('9-9-909');
      expect(list).toContain(LABEL.care);
      expect(list).toContain('残疾人');
      expect(list).toContain('需要轮椅');
      expect(list).toContain(ID_MASKED);
      for (const word of [OCCUPANT, '欧**', LABEL.criminal, LABEL.tenant, LABEL.troublemaker, '联系电话', '紧急联系电话']) expect(`${to}: ${list.includes(word) ? word : ''}`).toBe(`${to}: `);
    }
  });

  it('masks ID and phone numbers typed into free text in digests and notices, and the register keeps what was typed', () => {
    const digest = mailsTo('sup-group@estate.example').find((m) => m.subject.includes('逾期提醒'))!;
    expect(digest.body).toContain(`楼上漏水 证件${ID_MASKED} 手机${MOBILE_MASKED} 座机075****4321`);
    expect(digest.body).toContain(`水管坏了 证件${ID_MASKED}`);
    expect(notices.rectification).toContain(`拆墙 证件${ID_MASKED} 手机${MOBILE_MASKED}`);
    expect(notices.complaint_reply).toContain(`已维修 证件${ID_MASKED} 手机${MOBILE_MASKED}`);
    const typed = JSON.stringify(sheetNamed(host, '投诉').rows);
    expect(typed).toContain(`楼上漏水 ${TYPED}`);
  });

  it('names the party in full on notices served on them, and masks names on lists for circulation', () => {
    for (const key of ['rectification', 'cut_notice', 'fee_reminder']) {
      expect(`${key}: ${notices[key].includes(PARTY)}`).toBe(`${key}: true`);
      expect(notices[key]).not.toContain('欧**');
    }
    expect(notices.complaint_reply).toContain(`尊敬的${COMPLAINANT}`);
    expect(notices.household_changes).toContain('欧**');
    expect(notices.household_changes).not.toContain(OCCUPANT);
    expect(notices.household_changes).toContain(LABEL.care);
    expect(notices.household_changes).not.toContain(LABEL.criminal);
  });
});
