// The to-do list: what is overdue or due within a day for one person's roles, sorted by lateness, each with the one action that clears it.
import type { OverdueItem } from './deadlines';
import { ruleLabel } from './deadlines';
import { departmentDuty, dutyOwner } from './privacy';
import { spokenId } from './labels';
import type { RegisterKey } from './registers';
import { L, Lang, RoleKey } from './types';

/** What clears a rule: an action on the record, a care-log entry of a kind, the duty-log panel or the roster fill. */
export type Clear =
  | { kind: 'action'; action: string }
  | { kind: 'care'; careKind: string }
  | { kind: 'duty' }
  | { kind: 'roster' }
  | { kind: 'none' };

const CLEARS: Record<string, Clear> = {
  'complaints.dispatch': { kind: 'action', action: 'dispatch' },
  'complaints.manager': { kind: 'action', action: 'inform_manager' },
  'complaints.handover': { kind: 'action', action: 'hand_over' },
  'complaints.answer': { kind: 'action', action: 'answer' },
  'complaints.resolve': { kind: 'action', action: 'resolve' },
  'complaints.notify': { kind: 'action', action: 'notify' },
  'complaints.visit': { kind: 'action', action: 'visit' },
  'violations.rectify': { kind: 'action', action: 'confirm_rectified' },
  'violations.restore': { kind: 'action', action: 'restore' },
  'violations.cut_notice': { kind: 'action', action: 'serve_cut_notice' },
  'requests.first_reply': { kind: 'action', action: 'first_reply' },
  'requests.written_reply': { kind: 'action', action: 'reply' },
  'households.visit': { kind: 'care', careKind: 'visit' },
  'households.call': { kind: 'care', careKind: 'call' },
  'households.review': { kind: 'care', careKind: 'review' },
  'households.survey': { kind: 'care', careKind: 'survey' },
  'households.screening': { kind: 'care', careKind: 'screening' },
  'passes.expiry': { kind: 'action', action: 'return' },
  'duty_log.handover': { kind: 'duty' },
  'duty_log.signoff': { kind: 'duty' },
  'roster.roster': { kind: 'roster' },
  'visitors.overstay': { kind: 'action', action: 'leave' },
  'residents.screening_new_resident': { kind: 'action', action: 'screened_not_key' },
  'outings.not_back': { kind: 'action', action: 'returned' },
  'tenancies.agreement': { kind: 'action', action: 'sign_agreement' },
  'tenancies.temp_registration': { kind: 'action', action: 'temporaries' },
  'tenancies.lease_end': { kind: 'action', action: 'end' },
};
export const clearOf = (register: string, rule: string): Clear => CLEARS[`${register}.${rule}`] ?? { kind: 'none' };

/** Whose list an item belongs on: supervisors and the manager see everything; a clerk the daily work; a department its complaints. */
function isFor(item: OverdueItem, roles: readonly RoleKey[], department: string): boolean {
  if (roles.includes('supervisor') || roles.includes('manager')) return true;
  const key = `${item.register}.${item.rule}`;
  if (roles.includes('clerk') && !['duty_log.signoff', 'roster.roster', 'roster.holidays', 'complaints.upgrade'].includes(key)) return true;
  // The same duty table the digest uses, so a department's sidebar and its mail cannot drift apart.
  if (roles.includes('security') && dutyOwner(item.register, item.rule) === 'security') return true;
  return roles.includes('department') && departmentDuty(item, department);
}

const UNITS = {
  late: L('逾期 {t}', '逾期 {t}', '{t} late'),
  left: L('还剩 {t}', '還剩 {t}', '{t} left'),
  d: L('{n} 天', '{n} 天', '{n} d'),
  h: L('{n} 小时', '{n} 小時', '{n} h'),
  m: L('{n} 分钟', '{n} 分鐘', '{n} min'),
};

/** "2 天 3 小时", "5 小时 20 分钟", "12 分钟": the two largest units, as a person would say it. */
export function spanText(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const parts: [keyof typeof UNITS, number][] = [
    ['d', Math.floor(minutes / 1440)],
    ['h', Math.floor((minutes % 1440) / 60)],
    ['m', minutes % 60],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([u, n]) => UNITS[u][lang].replace('{n}', String(n)))
    .join(' ');
}

/** "逾期 2 天 3 小时" once late (overdueMs > 0), else "还剩 5 小时": the words the to-do list and record cards share. */
export function lateness(overdueMs: number, lang: Lang): string {
  return (overdueMs > 0 ? UNITS.late : UNITS.left)[lang].replace('{t}', spanText(overdueMs, lang));
}

export interface TodoItem {
  register: RegisterKey;
  id: string;
  rule: string;
  /** The rule in words. */
  what: string;
  /** The id as a reader says it (a handover's date and shift). */
  label: string;
  unit: string;
  title: string;
  due: Date;
  /** Negative while still due. */
  overdueMs: number;
  /** red: overdue; amber: due within a day. */
  tone: 'red' | 'amber';
  /** "逾期 2 天 3 小时" or "还剩 5 小时". */
  when: string;
  clear: Clear;
}

/**
 * `soon` are the engine's items computed for now + 1 day (so anything due within the day is
 * included); those due after `now` are amber, the rest red, the latest first.
 */
export function todoFor(soon: readonly OverdueItem[], now: Date, roles: readonly RoleKey[], department: string, lang: Lang): TodoItem[] {
  return soon
    .filter((i) => isFor(i, roles, department))
    .map((i) => {
      const overdueMs = now.getTime() - i.due.getTime();
      return {
        register: i.register,
        id: i.id,
        label: spokenId(i.register, i.id, lang),
        rule: i.rule,
        what: ruleLabel(i.register, i.rule, lang),
        unit: i.unit,
        title: i.title,
        due: i.due,
        overdueMs,
        tone: overdueMs > 0 ? ('red' as const) : ('amber' as const),
        when: lateness(overdueMs, lang),
        clear: clearOf(i.register, i.rule),
      };
    })
    .sort((a, b) => b.overdueMs - a.overdueMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
