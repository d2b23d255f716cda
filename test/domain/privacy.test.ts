// Tests the need-to-know table on change rows exactly as the households register writes them, for each audience and language.
import { householdChanges } from '../../src/domain/households';
import { CATEGORY_KIND, changeView, departmentDuty, DUTY_OWNER, NEED_TO_KNOW, needToKnowOf } from '../../src/domain/privacy';
import { OVERDUE_RULES } from '../../src/domain/deadlines';
import { HOUSEHOLD_CATEGORIES } from '../../src/domain/registers';
import { Lang, Rec } from '../../src/domain/types';

const before: Rec = {
  unit: '3-1-502',
  occupant: '刘桂英',
  categories: ['elderly_alone', 'criminal_record', 'bad_credit'],
  phone: '13812345678',
  needs: '买菜',
  moved_in_on: '2026-01-01',
  notes: 'CANARY-NOTES',
  status: 'active',
};

/** The rows of one edit, written in `written`, read by an audience in `reading`. */
function seen(after: Rec, audience: keyof typeof NEED_TO_KNOW, written: Lang = 'zh-Hans', reading: Lang = 'zh-Hans', was: Rec | null = before) {
  return householdChanges(was, after, written)
    .map((row) => changeView(row as unknown as Rec, NEED_TO_KNOW[audience], reading))
    .filter((v) => v !== null);
}

describe('need-to-know', () => {
  test('every category has a kind, and criminal, credit and health are shown to nobody but security (criminal only)', () => {
    expect(Object.keys(CATEGORY_KIND).sort()).toEqual([...HOUSEHOLD_CATEGORIES].sort());
    for (const n of Object.values(NEED_TO_KNOW)) expect(n.kinds).not.toContain('credit');
    for (const n of Object.values(NEED_TO_KNOW)) expect(n.kinds).not.toContain('health');
    expect(Object.entries(NEED_TO_KNOW).filter(([, n]) => n.kinds.includes('criminal')).map(([k]) => k)).toEqual(['security']);
  });

  test('a new household: security sees the name and its categories, the groups the unit’s care needs, the printed list a masked name', () => {
    const added: Rec = { ...before, categories: ['tenant', 'criminal_record', 'high_risk_illness', 'elderly_alone'] };
    expect(seen(added, 'security', 'zh-Hans', 'zh-Hans', null)).toEqual([{ before: '', after: '刘桂英（租户、有犯罪记录、独居老人）' }]);
    expect(seen(added, 'environment', 'zh-Hans', 'zh-Hans', null)).toEqual([{ before: '', after: '（独居老人）' }]);
    expect(seen(added, 'posted', 'zh-Hans', 'en', null)).toEqual([{ before: '', after: '刘**（Elderly living alone）' }]);
    // Nothing the groups look after: not news to them.
    expect(seen({ ...before, categories: ['bad_credit'] }, 'maintenance', 'zh-Hans', 'zh-Hans', null)).toEqual([]);
  });

  test('a category change only another audience may see is left out', () => {
    const creditOnly = { ...before, categories: ['elderly_alone', 'criminal_record'] };
    expect(seen(creditOnly, 'security')).toEqual([]);
    expect(seen(creditOnly, 'environment')).toEqual([]);
    const criminal = { ...before, categories: ['elderly_alone', 'bad_credit'] };
    expect(seen(criminal, 'security')).toEqual([{ before: '独居老人、有犯罪记录', after: '独居老人' }]);
    expect(seen(criminal, 'environment')).toEqual([]);
  });

  test('labels written in another language are still read', () => {
    const more = { ...before, categories: ['elderly_alone', 'criminal_record', 'bad_credit', 'disabled'] };
    expect(seen(more, 'environment', 'zh-Hant', 'en')).toEqual([{ before: 'Elderly living alone', after: 'Elderly living alone、Disabled' }]);
  });

  test('phones are nobody’s; needs go to the groups with ID and phone numbers typed in them masked; moving in to security', () => {
    expect(seen({ ...before, phone: '13900000000' }, 'security')).toEqual([]);
    expect(seen({ ...before, phone: '13900000000' }, 'environment')).toEqual([]);
    const needs = { ...before, needs: '送药 电话13912345678 证件440301199001011234' };
    expect(seen(needs, 'maintenance')).toEqual([{ before: '需要的帮助：买菜', after: '需要的帮助：送药 电话139****5678 证件4403**********1234' }]);
    expect(seen(needs, 'security')).toEqual([]);
    expect(seen({ ...before, moved_in_on: '2026-11-20' }, 'security')).toHaveLength(1);
    expect(seen({ ...before, moved_in_on: '2026-11-20' }, 'environment')).toEqual([]);
  });

  test('text the filter cannot read is dropped, not passed on', () => {
    const odd: Rec = { change: 'added', before: '', after: '独居老人；证件号码 440301199001011234' };
    expect(changeView(odd, NEED_TO_KNOW.security, 'zh-Hans')).toBeNull();
    expect(changeView({ change: 'updated', before: 'x', after: '备注（敏感）：CANARY' }, NEED_TO_KNOW.security, 'zh-Hans')).toBeNull();
  });

  test('an address in two groups sees what either may', () => {
    const both = needToKnowOf(['security', 'environment']);
    expect(both.name).toBe('full');
    expect(both.fields).toEqual(expect.arrayContaining(['occupant', 'needs']));
    expect(both.kinds).not.toContain('health');
  });
});

describe('who owns each overdue rule', () => {
  it('names an owner for every rule the engine checks, and no other', () => {
    expect(Object.keys(DUTY_OWNER).sort()).toEqual(OVERDUE_RULES.map((r) => `${r.register}.${r.rule}`).sort());
  });

  it('tells a department only of resolving and answering its own complaints', () => {
    const item = (rule: string) => ({ register: 'complaints', rule, department: '工程部' });
    const told = OVERDUE_RULES.filter((r) => r.register === 'complaints').map((r) => r.rule).filter((rule) => departmentDuty(item(rule), '工程部'));
    expect(told.sort()).toEqual(['answer', 'resolve']);
    expect(departmentDuty(item('resolve'), '保洁部')).toBe(false);
    expect(departmentDuty({ register: 'complaints', rule: 'resolve', department: '' }, '')).toBe(false);
    // A rule added later without an owner stays with the office.
    expect(departmentDuty(item('something_new'), '工程部')).toBe(false);
  });
});
