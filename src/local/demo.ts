// Sample data for the demo workbook: a week in a Chinese estate office, recorded through the real entry points.
import type { Host } from './host';
import { isoInZone } from '../domain/table';

const TZ = 'Asia/Shanghai';
const HOUR = 3600_000;

interface Ok {
  ok: boolean;
  id?: string;
  version?: number;
  message?: string;
}

/** Records everything as the demo staff would, at times before `now` so deadlines show up. */
export function seedDemo(host: Host, nowMs = Date.now()): void {
  const manager = host.currentUser();
  const at = (hoursAgo: number) => isoInZone(new Date(nowMs - hoursAgo * HOUR), TZ);
  const day = (daysFromNow: number) => isoInZone(new Date(nowMs + daysFromNow * 24 * HOUR), TZ).slice(0, 10);
  const call = (fn: string, ...args: unknown[]): Ok => {
    const r = host.callFromClient(fn, args) as Ok;
    if (!r?.ok) throw new Error(`demo data: ${fn} ${JSON.stringify(args[0])} failed: ${r?.message} ${JSON.stringify((r as { fieldErrors?: unknown })?.fieldErrors ?? {})}`);
    return r;
  };
  const create = (register: string, fields: Record<string, unknown>) => call('createRecord', register, fields);
  const act = (register: string, rec: Ok, action: string, fields: Record<string, unknown> = {}) => {
    // Steps dated more than a day back are recorded by a supervisor (a clerk may not backdate that far).
    const before = host.currentUser();
    if (before === 'li.xiaomei@estate.example') host.setUser('wang.jianguo@estate.example');
    try {
      const r = call('transition', register, rec.id, rec.version, action, fields);
      rec.version = r.version;
      return rec;
    } finally {
      host.setUser(before);
    }
  };

  create('roles', { email: 'li.xiaomei@estate.example', name: '李晓梅', roles: ['clerk'], department: '客服中心' });
  create('roles', { email: 'wang.jianguo@estate.example', name: '王建国', roles: ['supervisor'], department: '客服中心' });
  create('roles', { email: 'zhang.qiang@estate.example', name: '张强', roles: ['security'], department: '秩序维护部' });
  create('roles', { email: 'chen.gong@estate.example', name: '陈工', roles: ['department'], department: '工程部' });

  const households = [
    { unit: '3-1-502', occupant: '刘桂英', categories: ['elderly_alone', 'very_old'], living: 'alone', age_band: '80-89', phone: '13812345678', emergency_contact: '刘建华（儿子）', emergency_phone: '13987654321', moved_in_on: day(-400), needs: '行动不便，需要定期上门看望' },
    { unit: '5-2-1101', occupant: '周敏', categories: ['pregnant'], living: 'two', age_band: '30-39', phone: '13600001111', due_date: day(5), moved_in_on: day(-200) },
    { unit: '7-1-302', occupant: '赵先生', categories: ['tenant'], living: 'three_plus', phone: '13700002222', id_number: '110101199001011234', moved_in_on: day(-6) },
    { unit: '2-3-801', occupant: '孙大爷', categories: ['empty_nest', 'veteran'], living: 'two', age_band: '70-79', phone: '13511112222', moved_in_on: day(-900), notes: '有高血压病史（敏感信息，勿外传）' },
  ];
  // Long-standing households were screened when they moved in and are visited and called as the rules ask;
  // 刘桂英 was last visited nine days ago, so her weekly visit shows as overdue.
  const hid = (n: number) => `H-${day(0).slice(0, 4)}-000${n}`;
  for (const h of households) create('households', { ...h, screened_at: at(24 * 5) });
  const care: [number, number, string, string?][] = [
    [1, 24 * 9, 'visit', '老人精神尚好，提醒按时服药'],
    [1, 24 * 3, 'call'],
    [1, 24 * 1, 'call'],
    [4, 24 * 2, 'visit', '老两口身体都好'],
    [4, 24 * 4, 'call'],
    [4, 24 * 1, 'call'],
    [1, 24 * 30, 'review'],
    [2, 24 * 20, 'review'],
    [3, 24 * 3, 'review'],
    [4, 24 * 40, 'review'],
  ];
  for (const [n, hoursAgo, kind, notes] of care) create('care_log', { household_id: hid(n), at: at(hoursAgo), kind, by: '李晓梅', ...(notes ? { notes } : {}) });

  host.setUser('li.xiaomei@estate.example');
  const c1 = create('complaints', { received_at: at(3), channel: 'phone', complainant: '王女士', unit: '3-1-502', phone: '13812345678', subject: '楼道灯坏了一周没人修', details: '三单元五楼楼道灯不亮，晚上上下楼不安全。', class: 'important' });
  const c2 = create('complaints', { received_at: at(30), channel: 'visit', complainant: '陈先生', unit: '5-2-1101', subject: '楼上装修噪音', details: '中午休息时间仍在电钻施工。', class: 'minor' });
  act('complaints', c2, 'dispatch', { department: '工程部', at: at(29.9) });
  act('complaints', c2, 'start', { at: at(28) });
  const c3 = create('complaints', { received_at: at(60), channel: 'letter', complainant: '业主委员会', subject: '电梯多次困人，答应的维修没有落实', details: '2号楼电梯本月第三次困人。', class: 'major' });
  act('complaints', c3, 'dispatch', { department: '工程部', at: at(59.8) });
  const c4 = create('complaints', { received_at: at(24 * 5), channel: 'online', complainant: '林小姐', unit: '7-1-302', subject: '快递柜收费不合理', class: 'invalid' });
  void c1;
  void c4;

  const v1 = create('violations', { found_at: at(24 * 4), unit: '2-3-801', party: '孙某某', category: 'decoration', subtype: '私拆承重墙', severity: 'major', description: '装修时拆除客厅承重墙一段，已现场制止。', evidence: '现场照片 3 张' });
  host.setUser(manager);
  act('violations', v1, 'order_rectification', { at: at(24 * 3), rectify_by: at(2), rule_broken: '《装修管理规定》第五条：不得拆改承重结构' });
  host.setUser('li.xiaomei@estate.example');
  const v2 = create('violations', { found_at: at(24 * 20), unit: '7-1-302', party: '赵先生', category: 'fees', subtype: '拒交管理费', severity: 'general', description: '拖欠物业管理费 6 个月，经多次上门催缴仍未缴纳。', amount: 1860 });
  act('violations', v2, 'educate', { at: at(24 * 18) });
  create('violations', { found_at: at(5), unit: '1号楼西侧', party: '', category: 'security', subtype: '乱停车', severity: 'general', description: '消防通道停放私家车一辆。' });

  create('requests', { received_at: at(0.5), type: 'repair', unit: '5-2-1101', requester: '周敏', phone: '13600001111', details: '厨房水管漏水，请尽快派人。' });
  const r2 = create('requests', { received_at: at(50), type: 'written_enquiry', unit: '3-1-502', requester: '刘建华', details: '书面询问：本年度公共维修基金使用情况。' });
  act('requests', r2, 'first_reply', { at: at(49.9), handler: '李晓梅' });

  create('passes', { holder: '何阿姨', role: 'nanny', unit: '3-1-502', issued_on: day(-85), expires_on: day(4) });
  create('passes', { holder: '吴老师', role: 'tutor', unit: '5-2-1101', issued_on: day(-10), expires_on: day(60) });
  host.setUser(manager);

  // The gate: one visitor signed out, one just arrived, one in since last night and past visitor_overstay_hours.
  host.setUser('zhang.qiang@estate.example');
  act('visitors', create('visitors', { visitor: '周先生', id_number: '440301199001011234', unit: '3-1-502', purpose: '探亲', at: at(3) }), 'leave', { at: at(1) });
  create('visitors', { visitor: '刘师傅（顺丰）', id_type: 'other', id_number: 'SF20261130', unit: '5-2-1101', purpose: '送件', at: at(0.5) });
  create('visitors', { visitor: '吴女士', id_number: '440305198507153322', unit: '7-1-302', purpose: '看房', at: at(14) });
  host.setUser(manager);

  // Duty log: the night shift of two days ago, corrected and handed over, still waiting for the supervisor's sign-off;
  // next month's roster already filled.
  const shift = (dayOffset: number, hm: string) => `${day(dayOffset)}T${hm}:00+08:00`;
  host.setUser('li.xiaomei@estate.example');
  call('appendDutyLog', { kind: 'entry', text: '接班，监控、对讲机、消防设备检查正常。', at: shift(-2, '17:35') });
  const leak = call('appendDutyLog', { kind: 'entry', text: '5-2-1101 报厨房漏水，已关闭总阀并通知工程部。', at: shift(-2, '23:40') }) as Ok & { seq?: number };
  call('appendDutyLog', { kind: 'correction', text: '上一条：已关闭的是该户进户阀，不是总阀。', corrects: leak.seq, at: shift(-1, '00:20') });
  call('appendDutyLog', { kind: 'handover', text: '夜班无重大事件。', incoming: '赵师傅', openItems: ['5-2-1101 漏水待工程部上门维修', '东门道闸偶有卡顿，已报修'], at: shift(-1, '08:25') });
  host.setUser('wang.jianguo@estate.example');
  // With no month named, 值班表 fills the month that most needs it: this month, then the next.
  call('fillRoster', null, ['li.xiaomei@estate.example', '赵师傅']);
  call('fillRoster', null, ['li.xiaomei@estate.example', '赵师傅']);
  host.setUser(manager);

  // Residents: 7-1-302 moved in six days ago and is already a key household (its screening is closed);
  // 6-1-201 moved in twelve days ago and waits for its screening; 8-2-1502 was screened: not a key household.
  host.setUser('li.xiaomei@estate.example');
  create('residents', { unit: '7-1-302', name: '赵先生', tenure: 'tenant', members: '赵先生 本人 13700002222\n赵太太 妻子', phone: '13700002222', moved_in_on: day(-6), cards: '07302-1, 07302-2' });
  const newcomer = create('residents', { unit: '6-1-201', name: '黄志强', tenure: 'owner', members: '黄志强 本人\n李娜 妻子', phone: '13812340000', id_number: '440301199001011234', moved_in_on: day(-12), cards: '06201-1' });
  act('residents', newcomer, 'change_members', { members: '黄志强 本人\n李娜 妻子\n黄小宝 儿子' });
  const screened = create('residents', { unit: '8-2-1502', name: '钱女士', tenure: 'owner', members: '钱女士 本人\n孙先生 丈夫', moved_in_on: day(-40), cards: '08215-1' });
  act('residents', screened, 'screened_not_key', { at: at(24 * 30) });

  // Outings: 刘桂英 came back from the market; 孙大爷 was due back four hours ago (past outing_grace_hours); 周敏 is at the clinic.
  const trip = create('outings', { household_id: hid(1), resident: '刘桂英', out_at: at(6), expected_back: at(3), phone: '13812345678', note: '去菜市场' });
  act('outings', trip, 'returned', { at: at(2.5) });
  create('outings', { household_id: hid(4), resident: '孙大爷', out_at: at(8), expected_back: at(4), phone: '13511112222', note: '去公园下棋' });
  create('outings', { household_id: hid(2), resident: '周敏', expected_back: at(-3), note: '产检' });
  host.setUser('zhang.qiang@estate.example');
  // Emergency entry: a door opened last month and written up by security, three witnesses by name.
  create('emergency_entries', { unit: '2-3-801', at: at(24 * 20), reason: '老人一天未出门，敲门无应答，电话联系不上子女', entered_by: '张强', witness_office: '李晓梅', witness_security: '张强', witness_other: '邻居 钱女士', findings: '老人在卧室休息，身体无异常，电话欠费停机', follow_up: '已告知其子女，提醒缴纳话费' });
  host.setUser('li.xiaomei@estate.example');
  // Let flats: 7-1-302 let through the office, agreement signed, its helper registered but a relative past 15 days
  // without registration; 4-1-1203's lease ends within 30 days (in the digest).
  create('tenancies', { unit: '7-1-302', tenant: '赵先生', phone: '13700002222', id_number: '110101199001011234', lease_start: day(-6), lease_end: day(359), via_office: true, agreement_on: day(-6), temporary: `王芳 保姆 ${day(-6)} ${day(-2)}\n赵老伯 父亲 ${day(-18)}` });
  create('tenancies', { unit: '4-1-1203', tenant: '郑女士', phone: '13511113333', lease_start: day(-345), lease_end: day(20) });
  // Release passes: 8-2-1502's goods already out; 7-1-302 (let) waits for the supervisor; 1-2-602 is ready for the gate.
  const moved = create('release_passes', { unit: '8-2-1502', goods: '旧床垫一张', carrier: '孙先生', approval: 'owner', approved_by: '钱女士' });
  create('release_passes', { unit: '7-1-302', goods: '电视机一台\n行李箱两个', carrier: '赵先生', approval: 'office', approved_by: '李晓梅' });
  create('release_passes', { unit: '1-2-602', goods: '装修余料三袋', carrier: '钱师傅', approval: 'owner', approved_by: '吴先生' });
  host.setUser('zhang.qiang@estate.example');
  act('release_passes', moved, 'out', { at: at(2) });
  host.setUser(manager);

  // Move-ins: 8-2-1502 done in full; 黄志强 (6-1-201) still has no signed inspection twelve days on (past move_in_days);
  // 赵先生 (7-1-302) moved in six days ago, keys and inspection still to come.
  const steps = (rec: Ok, hoursAgo: number, names: string[]) => names.forEach((s, i) => act('move_ins', rec, s, { at: at(hoursAgo - i * 0.25), ...(s === 'handover' && { keys: 3, cards: 2 }) }));
  const all = ['docs', 'notice', 'contract', 'fees', 'handover', 'inspection'];
  steps(create('move_ins', { unit: '8-2-1502', resident: '钱女士', resident_id: screened.id, move_in_on: day(-40) }), 24 * 40, all);
  steps(create('move_ins', { unit: '6-1-201', resident: '黄志强', resident_id: newcomer.id, move_in_on: day(-12) }), 24 * 12, all.slice(0, 5));
  steps(create('move_ins', { unit: '7-1-302', resident: '赵先生', move_in_on: day(-6) }), 24 * 6, all.slice(0, 3));
}
