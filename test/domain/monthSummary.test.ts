// The month-end summary's counts: what falls in the month, care visits met against due, registers the workbook lacks.
import { monthSummary } from '../../src/domain/monthSummary';
import { withSettings } from '../../src/domain/settings';
import type { Rec } from '../../src/domain/types';

const s = withSettings({ timezone: 'Asia/Shanghai', household_visit_days: 7, visitor_overstay_hours: 12 });
const NOW = new Date('2026-12-01T08:00:00+08:00');
const at = (t: string) => new Date(`${t}+08:00`);
const sum = (data: Record<string, Rec[] | undefined>) => monthSummary(data, '2026-11-01', '2026-11-30', s, NOW);

describe('monthSummary', () => {
  it('counts the month’s help requests by type, and those still overdue, leaving out October and December', () => {
    const requests: Rec[] = [
      { id: 'R-1', type: 'repair', received_at: at('2026-11-01T00:00:00'), first_reply_at: at('2026-11-01T00:05:00') },
      { id: 'R-2', type: 'repair', received_at: at('2026-11-15T10:00:00'), first_reply_at: at('2026-11-15T10:05:00') },
      { id: 'R-3', type: 'medical', received_at: at('2026-11-30T23:59:00') },
      { id: 'R-4', type: 'repair', received_at: at('2026-10-31T23:59:00') },
      { id: 'R-5', type: 'repair', received_at: at('2026-12-01T00:00:00') },
    ];
    const r = sum({ requests });
    expect(r.requests).toEqual({ repair: 2, medical: 1 });
    expect(r.requestsOverdue).toBe(1);
  });

  it('counts violations by category and by the step they are at now', () => {
    const violations: Rec[] = [
      { id: 'V-1', category: 'decoration', step: 'reported', found_at: at('2026-11-03T09:00:00') },
      { id: 'V-2', category: 'fees', step: 'rectification_ordered', found_at: at('2026-11-20T09:00:00') },
      { id: 'V-3', category: 'fees', step: '', found_at: at('2026-11-21T09:00:00') },
      { id: 'V-4', category: 'fees', step: 'closed', found_at: at('2026-10-20T09:00:00') },
    ];
    const r = sum({ violations });
    expect(r.violationsByCategory).toEqual({ decoration: 1, fees: 2 });
    expect(r.violationsByStep).toEqual({ reported: 2, rectification_ordered: 1 });
  });

  // One close-care household each; a visit is due 7 days after the last one (or after care started).
  const since = at('2026-10-31T10:00:00');
  const visits = (...days: string[]): Rec[] => days.map((d) => ({ household_id: 'H-1', kind: 'visit', at: at(`2026-11-${d}T10:00:00`) }));
  test.each([
    ['every weekly visit made on time', { categories: ['elderly_alone'] }, visits('06', '13', '20', '27'), { due: 4, met: 4 }],
    ['no visit all month', { categories: ['empty_nest'] }, [], { due: 4, met: 0 }],
    ['one visit late (11-16 for 11-13), the next counted from it', { categories: ['very_old'] }, visits('06', '16', '23'), { due: 4, met: 2 }],
    ['calls do not count as visits', { categories: ['elderly_alone'] }, visits('06').map((v) => ({ ...v, kind: 'call' })), { due: 4, met: 0 }],
    ['not a close-care household', { categories: ['disabled'] }, visits('06'), { due: 0, met: 0 }],
    ['moved out', { categories: ['elderly_alone'], status: 'inactive' }, [], { due: 0, met: 0 }],
    ['care started on 11-25: the first visit is due in December', { categories: ['elderly_alone'], care_since: at('2026-11-25T10:00:00') }, [], { due: 0, met: 0 }],
  ])('care visits: %s', (_name, household, log, care) => {
    expect(sum({ households: [{ id: 'H-1', care_since: since, ...household }], care_log: log }).care).toEqual(care);
  });

  it('counts visitors and those still inside past the overstay; a register the workbook lacks is left out', () => {
    const visitors: Rec[] = [
      { id: 'VS-1', at: at('2026-11-10T09:00:00'), left_at: at('2026-11-10T10:00:00') },
      { id: 'VS-2', at: at('2026-11-20T09:00:00') },
      { id: 'VS-3', at: at('2026-11-30T23:00:00') },
    ];
    const moveIns: Rec[] = [{ id: 'MI-1', move_in_on: '2026-11-05' }, { id: 'MI-2', move_in_on: '2026-12-02' }];
    const r = sum({ visitors, move_ins: moveIns });
    expect(r.counts).toEqual({ visitors: 3, move_ins: 1 });
    expect(r.overstay).toBe(1);
    expect(sum({}).counts).toEqual({});
  });
});
