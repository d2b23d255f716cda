// Need-to-know: which household facts each recipient outside the office may see, and the one filter every change list goes through. Pure.
import { HOUSEHOLD_CATEGORIES, REGISTERS } from './registers';
import { optionFromLabel, optionLabel } from './labels';
import { maskName, maskPersonalText, maskPhone } from './format';
import { LANGS, Lang, Rec } from './types';

type Category = (typeof HOUSEHOLD_CATEGORIES)[number];

/** What a category tells about a person: criminal, credit and health categories are sensitive personal information. */
export type CategoryKind = 'security' | 'criminal' | 'credit' | 'health' | 'care';

export const CATEGORY_KIND: Readonly<Record<Category, CategoryKind>> = {
  tenant: 'security',
  criminal_record: 'criminal',
  troublemaker: 'security',
  bad_credit: 'credit',
  high_risk_illness: 'health',
  pregnant: 'care',
  elderly_alone: 'care',
  empty_nest: 'care',
  very_old: 'care',
  disabled: 'care',
  child_in_difficulty: 'care',
  nursing: 'care',
  low_income: 'care',
  veteran: 'care',
};

/** Kinds that never leave the office, except criminal records in the security group's change list. */
export const SENSITIVE_KINDS: readonly CategoryKind[] = ['criminal', 'credit', 'health'];

/** Who a household change list is for: one of the three groups by email, or the printed list (分送各组, may lie on a desk). */
export type Audience = 'security' | 'environment' | 'maintenance' | 'posted';

export interface NeedToKnow {
  /** Household fields whose changes the audience is told about; the unit is always shown. */
  fields: readonly string[];
  /** Category kinds it may see. */
  kinds: readonly CategoryKind[];
  /** The occupant's name: in full, masked (张**), or not at all. */
  name: 'full' | 'masked' | 'none';
}

/**
 * The need-to-know table (README "Privacy"). Security keeps order: it needs who lives where and whether
 * a tenant, a criminal record or a trouble-maker is involved. Environment and maintenance look after
 * people: the unit and the care needs only. Phones, ID numbers, notes, credit and health are nobody's.
 */
export const NEED_TO_KNOW: Readonly<Record<Audience, NeedToKnow>> = {
  security: { fields: ['occupant', 'categories', 'status', 'moved_in_on'], kinds: ['security', 'criminal', 'care'], name: 'full' },
  environment: { fields: ['categories', 'status', 'needs'], kinds: ['care'], name: 'none' },
  maintenance: { fields: ['categories', 'status', 'needs'], kinds: ['care'], name: 'none' },
  posted: { fields: ['occupant', 'categories', 'status', 'needs'], kinds: ['care'], name: 'masked' },
};

const NAME_RANK = { none: 0, masked: 1, full: 2 } as const;

/** One address in several groups sees what any of its groups may see. */
export function needToKnowOf(audiences: readonly Audience[]): NeedToKnow {
  const all = audiences.map((a) => NEED_TO_KNOW[a]);
  return {
    fields: [...new Set(all.flatMap((n) => n.fields))],
    kinds: [...new Set(all.flatMap((n) => n.kinds))],
    name: all.reduce<NeedToKnow['name']>((best, n) => (NAME_RANK[n.name] > NAME_RANK[best] ? n.name : best), 'none'),
  };
}

/** Whether a category may be shown to this audience; an unknown category is not (fail closed). */
export function categoryAllowed(category: string, n: NeedToKnow): boolean {
  const kind = CATEGORY_KIND[category as Category];
  return kind !== undefined && n.kinds.includes(kind);
}

/** The change row's text parts as this audience may read them; null when the change is none of its business. */
export interface ChangeView {
  before: string;
  after: string;
}

const households = REGISTERS.households;
const STATUS = ['active', 'inactive', ''];
/** A new household as householdChanges writes it: "3-1-502 刘桂英（独居老人、租户）". */
const NEWCOMER = /^(\S+)\s+([\s\S]*?)（([^（）]*)）$/;

function showName(name: string, n: NeedToKnow): string {
  return n.name === 'full' ? name.trim() : n.name === 'masked' ? maskName(name) : '';
}

/** Category labels (any language, as written then) → the allowed ones, labelled in today's language. */
function categories(text: string, n: NeedToKnow, lang: Lang): string {
  return text
    .split('、')
    .map((t) => optionFromLabel('households', 'categories', t))
    .filter((c): c is string => c !== null && categoryAllowed(c, n))
    .map((c) => optionLabel('households', 'categories', c, lang))
    .join('、');
}

/** "联系电话：138…" → the field whose label (in any language) starts the text. */
function fieldOf(text: string) {
  const label = text.split(/[：:]/)[0].trim();
  return households.fields.find((f) => LANGS.some((l) => f.label[l] === label)) ?? null;
}

function fieldValue(text: string, n: NeedToKnow, lang: Lang): string {
  const f = fieldOf(text);
  if (!f) return '';
  const value = text.slice(text.search(/[：:]/) + 1).trim();
  const shown = f.key === 'occupant' ? showName(value, n) : /phone/.test(f.key) ? maskPhone(value) : maskPersonalText(value);
  return `${f.label[lang]}：${shown}`;
}

/**
 * A household change row (异动表) seen by one audience. The register keeps the full text; what leaves it
 * is rebuilt from parts the table allows, and text this filter cannot read is left out, never passed on.
 */
export function changeView(row: Rec, n: NeedToKnow, lang: Lang): ChangeView | null {
  const change = String(row.change ?? '');
  const before = String(row.before ?? '').trim();
  const after = String(row.after ?? '').trim();
  if (change === 'category_added' || change === 'category_removed') {
    if (!n.fields.includes('categories')) return null;
    const b = categories(before, n, lang);
    const a = categories(after, n, lang);
    return a === b ? null : { before: b, after: a };
  }
  if ((change === 'added' || change === 'removed') && STATUS.includes(before) && STATUS.includes(after)) {
    if (!n.fields.includes('status')) return null;
    const label = (s: string) => (s ? optionLabel('households', 'status', s, lang) : '');
    return { before: label(before), after: label(after) };
  }
  if (change === 'added') {
    const m = NEWCOMER.exec(after);
    const cats = m && n.fields.includes('categories') ? categories(m[3], n, lang) : '';
    // A new household with nothing this audience looks after is not news to it.
    if (!cats) return null;
    const name = n.fields.includes('occupant') ? showName(m![2], n) : '';
    return { before: '', after: `${name}（${cats}）` };
  }
  if (change === 'moved_in' || change === 'moved_out' || change === 'updated') {
    const f = fieldOf(after) ?? fieldOf(before);
    if (!f || !n.fields.includes(f.key)) return null;
    return { before: fieldValue(before, n, lang), after: fieldValue(after, n, lang) };
  }
  return null;
}

/**
 * Who must act on each overdue rule. A department is told only of its own duties (seed 001 第10篇
 * 4.5.1: it handles the complaint within the time limit); dispatching, telling the manager, handing
 * over, telling the complainant and the return visit are the customer-service office's own, and
 * stay in the office's digests. 'officer' is the rostered duty officer.
 */
export type DutyOwner = 'department' | 'clerk' | 'supervisor' | 'manager' | 'officer' | 'security';

export const DUTY_OWNER: Readonly<Record<string, DutyOwner>> = {
  'complaints.dispatch': 'clerk',
  'complaints.manager': 'clerk',
  'complaints.handover': 'clerk',
  'complaints.answer': 'department',
  'complaints.resolve': 'department',
  'complaints.notify': 'clerk',
  'complaints.visit': 'clerk',
  'complaints.upgrade': 'manager',
  'violations.rectify': 'supervisor',
  'violations.restore': 'supervisor',
  'violations.cut_notice': 'manager',
  'requests.first_reply': 'clerk',
  'requests.written_reply': 'clerk',
  'households.visit': 'clerk',
  'households.call': 'clerk',
  'households.review': 'clerk',
  'households.survey': 'clerk',
  'households.screening': 'clerk',
  'households.due_date': 'clerk',
  'passes.expiry': 'clerk',
  'duty_log.handover': 'officer',
  'duty_log.signoff': 'supervisor',
  'roster.roster': 'supervisor',
  'roster.holidays': 'manager',
  'visitors.overstay': 'security',
  'residents.screening_new_resident': 'clerk',
  'outings.not_back': 'security',
  'tenancies.agreement': 'clerk',
  'tenancies.temp_registration': 'clerk',
  'tenancies.lease_end': 'clerk',
  'move_ins.steps_due': 'clerk',
};

/** An unknown rule is the supervisors' (they are sent everything), never a department's (fail closed). */
export const dutyOwner = (register: string, rule: string): DutyOwner => DUTY_OWNER[`${register}.${rule}`] ?? 'supervisor';

/** Whether a department's digest carries this item: a complaint dispatched to it, on a duty that is the department's. */
export function departmentDuty(item: { register: string; rule: string; department: string }, department: string): boolean {
  return department.trim() !== '' && item.department.trim() === department.trim() && dutyOwner(item.register, item.rule) === 'department';
}
