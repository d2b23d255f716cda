// The evidence pack's deadline facts, table-driven from SPEC's numbers: rectification by its deadline, the cut notice 3 days ahead, a complaint's limits.
import { deadlineFacts } from '../../src/domain/evidence';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import type { Rec } from '../../src/domain/types';

const S = { ...DEFAULT_SETTINGS, timezone: 'Asia/Shanghai' };
const at = (s: string) => new Date(`${s}+08:00`);
const NOW = at('2026-11-28T12:00:00');

describe('deadlineFacts', () => {
  it.each([
    ['put right on the minute', { rectify_by: at('2026-11-25T17:00:00'), rectified_at: at('2026-11-25T17:00:00') }, 'met'],
    ['put right a minute late', { rectify_by: at('2026-11-25T17:00:00'), rectified_at: at('2026-11-25T17:01:00') }, 'late'],
    ['not put right, deadline passed', { rectify_by: at('2026-11-25T17:00:00') }, 'overdue'],
    ['not put right, deadline ahead', { rectify_by: at('2026-11-30T17:00:00') }, 'pending'],
  ] as const)('rectification %s', (_, rec, verdict) => {
    expect(deadlineFacts('violations', rec as Rec, S, NOW)).toEqual([{ key: 'order_rectification', due: rec.rectify_by, done: (rec as Rec).rectified_at ?? null, verdict }]);
  });

  // The cut notice must be served violation_cut_notice_days (3) before the cut: the cut itself when done, else the planned one.
  it.each([
    ['served 3 days before the planned cut', { cut_notice_served_at: at('2026-11-25T09:30:00'), cut_planned_at: at('2026-11-28T09:30:00') }, at('2026-11-25T09:30:00'), 'met'],
    ['served 2 days before the cut as carried out', { cut_notice_served_at: at('2026-11-25T09:30:00'), cut_planned_at: at('2026-11-29T09:30:00'), cut_at: at('2026-11-27T09:30:00') }, at('2026-11-24T09:30:00'), 'late'],
    ['a cut planned, no notice served in time', { cut_planned_at: at('2026-11-30T09:00:00') }, at('2026-11-27T09:00:00'), 'overdue'],
    ['a cut planned, time still to serve', { cut_planned_at: at('2026-12-05T09:00:00') }, at('2026-12-02T09:00:00'), 'pending'],
  ] as const)('cut notice %s', (_, rec, latest, verdict) => {
    const [fact] = deadlineFacts('violations', rec as Rec, S, NOW);
    expect(fact).toMatchObject({ key: 'serve_cut_notice', due: latest, verdict, days: 3, cut: (rec as Rec).cut_at ?? rec.cut_planned_at });
  });

  it('a violation with neither deadline has no facts', () => {
    expect(deadlineFacts('violations', { step: 'reported' }, S, NOW)).toEqual([]);
  });

  it('a complaint: dispatched in 20 minutes (15 allowed), a minor one resolved in 2 days, not yet told, not closed', () => {
    const rec: Rec = { received_at: at('2026-11-25T08:30:00'), class: 'minor', dispatched_at: at('2026-11-25T08:50:00'), resolved_at: at('2026-11-27T08:30:00') };
    expect(deadlineFacts('complaints', rec, S, NOW).map((f) => [f.key, f.verdict])).toEqual([
      ['dispatch', 'late'],
      ['resolve_minor', 'met'],
      ['notify', 'overdue'],
      ['close', 'open'],
    ]);
  });
});
