// The overdue engine against SPEC's overdue table: every rule, exact boundaries, clearing, levels, working days and zones.
import { RegisterKey } from '../../src/domain/registers';
import { Settings, withSettings } from '../../src/domain/settings';
import { OVERDUE_RULES, OverdueItem, checkCutSchedule, checkPassLength, computeOverdue, rosterDue, shiftWindow } from '../../src/domain/deadlines';
import { Rec } from '../../src/domain/types';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const t = (iso: string): Date => new Date(iso);
const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
const DAY = 24 * 60 * 60 * 1000;
type Data = Partial<Record<RegisterKey, Rec[]>>;

function scan(data: Data, now: Date, overrides: Partial<Settings> = {}) {
  return computeOverdue({ now, settings: withSettings(overrides), data });
}
const pick = (items: OverdueItem[], register: string, id: string, rule: string): OverdueItem | undefined =>
  items.find((i) => i.register === register && i.id === id && i.rule === rule);

// Records carry only the fields a rule reads, plus an id.
const complaint = (id: string, f: Partial<Rec>): Rec => ({ id, status: 'received', subject: '楼道灯不亮', department: '工程部', unit: '3-501', ...f });
const C_RECEIVED = '2026-11-24T10:00:00+08:00'; // a Tuesday

interface Case {
  name: string;
  register: RegisterKey;
  id: string;
  rule: string;
  data: Data;
  /** The due time the rule must compute (ISO with +08:00). */
  due: string;
  overrides?: Partial<Settings>;
  /** Setting this field (on the record in data[register][0]) to the due time clears the rule. */
  clearBy?: { register?: RegisterKey; field: string };
  /** Or adding this row clears it. */
  clearRow?: { register: RegisterKey; row: (due: Date) => Rec };
  /** How long after the due time the cleared record is checked (recurring rules start a new period). */
  clearedFor?: number;
}

const CASES: Case[] = [
  // ---- complaints, received Tuesday 2026-11-24 10:00 ----
  { name: 'dispatch within 15 minutes', register: 'complaints', id: 'C-1', rule: 'dispatch', data: { complaints: [complaint('C-1', { class: 'minor', received_at: t(C_RECEIVED) })] }, due: '2026-11-24T10:15:00+08:00', clearBy: { field: 'dispatched_at' } },
  { name: 'dispatch_minutes=30 moves it', register: 'complaints', id: 'C-1', rule: 'dispatch', overrides: { complaint_dispatch_minutes: 30 }, data: { complaints: [complaint('C-1', { class: 'minor', received_at: t(C_RECEIVED) })] }, due: '2026-11-24T10:30:00+08:00' },
  { name: 'dispatch across the year end', register: 'complaints', id: 'C-2', rule: 'dispatch', data: { complaints: [complaint('C-2', { class: 'minor', received_at: t('2026-12-31T23:50:00+08:00') })] }, due: '2027-01-01T00:05:00+08:00' },
  { name: 'invalid complaints are still dispatched', register: 'complaints', id: 'C-3', rule: 'dispatch', data: { complaints: [complaint('C-3', { class: 'invalid', received_at: t(C_RECEIVED) })] }, due: '2026-11-24T10:15:00+08:00' },
  { name: 'major: manager by the end of the received day', register: 'complaints', id: 'C-4', rule: 'manager', data: { complaints: [complaint('C-4', { class: 'major', received_at: t(C_RECEIVED) })] }, due: '2026-11-24T23:59:59.999+08:00', clearBy: { field: 'manager_informed_at' } },
  { name: 'major received on New Year’s Eve: manager by 23:59:59.999', register: 'complaints', id: 'C-5', rule: 'manager', data: { complaints: [complaint('C-5', { class: 'major', received_at: t('2026-12-31T20:00:00+08:00') })] }, due: '2026-12-31T23:59:59.999+08:00' },
  { name: 'important: handed over within 2 hours', register: 'complaints', id: 'C-6', rule: 'handover', data: { complaints: [complaint('C-6', { class: 'important', received_at: t(C_RECEIVED) })] }, due: '2026-11-24T12:00:00+08:00', clearBy: { field: 'handed_over_at' } },
  { name: 'handover across the month end', register: 'complaints', id: 'C-7', rule: 'handover', data: { complaints: [complaint('C-7', { class: 'important', received_at: t('2026-11-30T22:30:00+08:00') })] }, due: '2026-12-01T00:30:00+08:00' },
  { name: 'major: clear answer within 2 days', register: 'complaints', id: 'C-8', rule: 'answer', data: { complaints: [complaint('C-8', { class: 'major', received_at: t(C_RECEIVED) })] }, due: '2026-11-26T10:00:00+08:00', clearBy: { field: 'answered_at' } },
  { name: 'major answer over the leap day', register: 'complaints', id: 'C-9', rule: 'answer', data: { complaints: [complaint('C-9', { class: 'major', received_at: t('2028-02-28T09:00:00+08:00') })] }, due: '2028-03-01T09:00:00+08:00' },
  { name: 'minor resolved within 2 days', register: 'complaints', id: 'C-10', rule: 'resolve', data: { complaints: [complaint('C-10', { class: 'minor', received_at: t(C_RECEIVED) })] }, due: '2026-11-26T10:00:00+08:00', clearBy: { field: 'resolved_at' } },
  { name: 'important resolved within 3 days', register: 'complaints', id: 'C-11', rule: 'resolve', data: { complaints: [complaint('C-11', { class: 'important', received_at: t(C_RECEIVED) })] }, due: '2026-11-27T10:00:00+08:00' },
  { name: 'major resolved within 10 days', register: 'complaints', id: 'C-12', rule: 'resolve', data: { complaints: [complaint('C-12', { class: 'major', received_at: t(C_RECEIVED) })] }, due: '2026-12-04T10:00:00+08:00' },
  { name: 'minor resolve lands on the leap day', register: 'complaints', id: 'C-13', rule: 'resolve', data: { complaints: [complaint('C-13', { class: 'minor', received_at: t('2028-02-27T09:00:00+08:00') })] }, due: '2028-02-29T09:00:00+08:00' },
  { name: 'working days: minor received Friday resolves by Tuesday', register: 'complaints', id: 'C-14', rule: 'resolve', overrides: { day_mode: 'working' }, data: { complaints: [complaint('C-14', { class: 'minor', received_at: t('2026-11-27T16:00:00+08:00') })] }, due: '2026-12-01T16:00:00+08:00' },
  { name: 'working days: important received before National Day', register: 'complaints', id: 'C-15', rule: 'resolve', overrides: { day_mode: 'working' }, data: { complaints: [complaint('C-15', { class: 'important', received_at: t('2026-09-30T11:00:00+08:00') })] }, due: '2026-10-10T11:00:00+08:00' },
  { name: 'complainant told the day it is resolved', register: 'complaints', id: 'C-16', rule: 'notify', data: { complaints: [complaint('C-16', { class: 'minor', status: 'resolved', received_at: t(C_RECEIVED), dispatched_at: t(C_RECEIVED), resolved_at: t('2026-11-25T16:00:00+08:00') })] }, due: '2026-11-25T23:59:59.999+08:00', clearBy: { field: 'notified_at' } },
  { name: 'important: return visit within 7 days of telling', register: 'complaints', id: 'C-17', rule: 'visit', data: { complaints: [complaint('C-17', { class: 'important', status: 'notified', received_at: t(C_RECEIVED), dispatched_at: t(C_RECEIVED), handed_over_at: t(C_RECEIVED), resolved_at: t('2026-11-25T16:00:00+08:00'), notified_at: t('2026-11-25T17:00:00+08:00') })] }, due: '2026-12-02T17:00:00+08:00', clearBy: { field: 'visited_at' } },
  { name: 'valid and unresolved for 30 days: upgrade to major', register: 'complaints', id: 'C-18', rule: 'upgrade', data: { complaints: [complaint('C-18', { class: 'minor', received_at: t(C_RECEIVED), dispatched_at: t(C_RECEIVED) })] }, due: '2026-12-24T10:00:00+08:00', clearBy: { field: 'resolved_at' } },
  // Reclassified on 2026-11-25 at 15:00 (received 2026-11-01): each new duty counts from the reclassification.
  { name: 'reclassified major at 15:00: manager by 23:59:59.999 that day', register: 'complaints', id: 'C-20', rule: 'manager', data: { complaints: [complaint('C-20', { class: 'major', received_at: t('2026-11-01T09:00:00+08:00'), dispatched_at: t('2026-11-01T09:05:00+08:00'), class_since: t('2026-11-25T15:00:00+08:00') })] }, due: '2026-11-25T23:59:59.999+08:00', clearBy: { field: 'manager_informed_at' } },
  { name: 'reclassified major at 15:00: answer within 2 days of it', register: 'complaints', id: 'C-20', rule: 'answer', data: { complaints: [complaint('C-20', { class: 'major', received_at: t('2026-11-01T09:00:00+08:00'), dispatched_at: t('2026-11-01T09:05:00+08:00'), class_since: t('2026-11-25T15:00:00+08:00') })] }, due: '2026-11-27T15:00:00+08:00', clearBy: { field: 'answered_at' } },
  { name: 'reclassified major at 15:00: resolved within 10 days of it', register: 'complaints', id: 'C-20', rule: 'resolve', data: { complaints: [complaint('C-20', { class: 'major', received_at: t('2026-11-01T09:00:00+08:00'), dispatched_at: t('2026-11-01T09:05:00+08:00'), class_since: t('2026-11-25T15:00:00+08:00') })] }, due: '2026-12-05T15:00:00+08:00', clearBy: { field: 'resolved_at' } },
  { name: 'reclassified important: handed over within 2 hours of it', register: 'complaints', id: 'C-21', rule: 'handover', data: { complaints: [complaint('C-21', { class: 'important', received_at: t('2026-11-01T09:00:00+08:00'), dispatched_at: t('2026-11-01T09:05:00+08:00'), class_since: t('2026-11-25T15:00:00+08:00') })] }, due: '2026-11-25T17:00:00+08:00', clearBy: { field: 'handed_over_at' } },
  { name: 'major → minor on day 5: 2 days from the change, never already past', register: 'complaints', id: 'C-22', rule: 'resolve', data: { complaints: [complaint('C-22', { class: 'minor', received_at: t(C_RECEIVED), dispatched_at: t(C_RECEIVED), class_since: t('2026-11-29T10:00:00+08:00') })] }, due: '2026-12-01T10:00:00+08:00' },
  { name: 'upgrade counts calendar days even in working mode', register: 'complaints', id: 'C-19', rule: 'upgrade', overrides: { day_mode: 'working' }, data: { complaints: [complaint('C-19', { class: 'important', received_at: t('2026-09-20T10:00:00+08:00'), dispatched_at: t('2026-09-20T10:00:00+08:00') })] }, due: '2026-10-20T10:00:00+08:00' },

  // ---- violations ----
  { name: 'rectify by the deadline', register: 'violations', id: 'V-1', rule: 'rectify', data: { violations: [{ id: 'V-1', step: 'rectification_ordered', severity: 'general', unit: '5-1202', description: '阳台违规搭建', rectify_by: t('2026-11-30T17:00:00+08:00') }] }, due: '2026-11-30T17:00:00+08:00', clearBy: { field: 'rectified_at' } },
  { name: 'supply restored within 24 hours of rectifying after a cut', register: 'violations', id: 'V-3', rule: 'restore', data: { violations: [{ id: 'V-3', step: 'rectified', severity: 'general', category: 'fees', unit: '2-302', description: '拒交管理费', cut_notice_served_at: t('2026-11-16T09:00:00+08:00'), cut_at: t('2026-11-20T09:00:00+08:00'), rectified_at: t('2026-11-21T16:00:00+08:00') }] }, due: '2026-11-22T16:00:00+08:00', clearBy: { field: 'restored_at' } },
  { name: 'paid after a cut: restore_hours=4', register: 'violations', id: 'V-4', rule: 'restore', overrides: { violation_restore_hours: 4 }, data: { violations: [{ id: 'V-4', step: 'cut', severity: 'general', category: 'fees', unit: '2-303', description: '拒交管理费', cut_at: t('2026-11-20T09:00:00+08:00'), paid_at: t('2026-11-24T10:30:00+08:00') }] }, due: '2026-11-24T14:30:00+08:00' },
  { name: 'cut planned without the 3-day notice', register: 'violations', id: 'V-2', rule: 'cut_notice', data: { violations: [{ id: 'V-2', step: 'compensation', severity: 'major', category: 'fees', unit: '2-301', description: '长期拒交管理费', cut_planned_at: t('2026-12-05T09:00:00+08:00') }] }, due: '2026-12-02T09:00:00+08:00', clearBy: { field: 'cut_notice_served_at' } },

  // ---- requests ----
  { name: 'first reply within 5 minutes', register: 'requests', id: 'R-1', rule: 'first_reply', data: { requests: [{ id: 'R-1', type: 'repair', details: '厨房漏水', received_at: t('2026-11-24T23:58:00+08:00') }] }, due: '2026-11-25T00:03:00+08:00', clearBy: { field: 'first_reply_at' } },
  { name: 'written enquiry answered in writing within 2 days', register: 'requests', id: 'R-2', rule: 'written_reply', data: { requests: [{ id: 'R-2', type: 'written_enquiry', details: '询问停车费标准', received_at: t(C_RECEIVED), first_reply_at: t(C_RECEIVED) }] }, due: '2026-11-26T10:00:00+08:00', clearBy: { field: 'replied_at' } },
  { name: 'working days: written enquiry over National Day', register: 'requests', id: 'R-3', rule: 'written_reply', overrides: { day_mode: 'working' }, data: { requests: [{ id: 'R-3', type: 'written_enquiry', details: '询问装修规定', received_at: t('2026-09-30T09:00:00+08:00'), first_reply_at: t('2026-09-30T09:00:00+08:00') }] }, due: '2026-10-09T09:00:00+08:00' },

  // ---- households ----
  { name: 'elderly alone: a visit 7 days after the last one', register: 'households', id: 'H-1', rule: 'visit', data: { households: [{ id: 'H-1', unit: '1-101', categories: ['elderly_alone'], created_at: t('2026-11-01T09:00:00+08:00') }], care_log: [{ id: 'CL-1', household_id: 'H-1', kind: 'visit', at: t('2026-11-20T15:00:00+08:00') }] }, due: '2026-11-27T15:00:00+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-1', kind: 'visit', at: due }) } },
  { name: 'empty nest, never visited: 7 days after it was registered', register: 'households', id: 'H-2', rule: 'visit', data: { households: [{ id: 'H-2', unit: '1-102', categories: 'empty_nest,tenant', moved_in_on: '2026-11-01', screened_at: t('2026-11-02T10:00:00+08:00'), created_at: t('2026-11-01T09:00:00+08:00') }] }, due: '2026-11-08T09:00:00+08:00' },
  { name: 'elderly alone added years after moving in: first visit 7 days after the category', register: 'households', id: 'H-9', rule: 'visit', data: { households: [{ id: 'H-9', unit: '1-109', categories: ['elderly_alone'], moved_in_on: '2019-05-01', created_at: t('2025-01-10T09:00:00+08:00'), care_since: t('2026-11-20T15:00:00+08:00') }] }, due: '2026-11-27T15:00:00+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-9', kind: 'visit', at: due }) } },
  { name: 'elderly alone added later: calls counted from the category, not move-in', register: 'households', id: 'H-9', rule: 'call', data: { households: [{ id: 'H-9', unit: '1-109', categories: ['elderly_alone'], moved_in_on: '2019-05-01', created_at: t('2025-01-10T09:00:00+08:00'), care_since: t('2026-11-20T15:00:00+08:00') }] }, due: '2026-11-27T15:00:00+08:00' },
  { name: 'full survey of every key household yearly', register: 'households', id: 'H-10', rule: 'survey', data: { households: [{ id: 'H-10', unit: '2-210', categories: ['tenant'], created_at: t('2026-11-30T10:00:00+08:00') }] }, due: '2027-11-30T10:00:00+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-10', kind: 'survey', at: due }) } },
  { name: 'very old: fewer than 2 calls in the last 7 days', register: 'households', id: 'H-3', rule: 'call', data: { households: [{ id: 'H-3', unit: '1-103', categories: ['very_old'], created_at: t('2026-10-01T09:00:00+08:00') }], care_log: [{ id: 'CL-2', household_id: 'H-3', kind: 'call', at: t('2026-11-20T10:00:00+08:00') }, { id: 'CL-3', household_id: 'H-3', kind: 'call', at: t('2026-11-22T10:00:00+08:00') }, { id: 'CL-4', household_id: 'H-3', kind: 'call', at: t('2026-11-25T18:00:00+08:00') }] }, due: '2026-11-29T10:00:00+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-3', kind: 'call', at: due }) }, clearedFor: DAY },
  { name: 'calls_per_week=3 counts the third latest call', register: 'households', id: 'H-3', rule: 'call', overrides: { household_calls_per_week: 3 }, data: { households: [{ id: 'H-3', unit: '1-103', categories: ['very_old'], created_at: t('2026-10-01T09:00:00+08:00') }], care_log: [{ id: 'CL-2', household_id: 'H-3', kind: 'call', at: t('2026-11-20T10:00:00+08:00') }, { id: 'CL-3', household_id: 'H-3', kind: 'call', at: t('2026-11-22T10:00:00+08:00') }, { id: 'CL-4', household_id: 'H-3', kind: 'call', at: t('2026-11-25T18:00:00+08:00') }] }, due: '2026-11-27T10:00:00+08:00' },
  { name: 'key household reviewed 3 months after creation (month end clamps)', register: 'households', id: 'H-4', rule: 'review', data: { households: [{ id: 'H-4', unit: '2-201', categories: ['tenant'], created_at: t('2026-11-30T10:00:00+08:00') }] }, due: '2027-02-28T10:00:00+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-4', kind: 'review', at: due }) } },
  { name: 'review 3 months after the last review lands on the leap day', register: 'households', id: 'H-5', rule: 'review', data: { households: [{ id: 'H-5', unit: '2-202', categories: ['disabled'], created_at: t('2027-01-05T10:00:00+08:00') }], care_log: [{ id: 'CL-5', household_id: 'H-5', kind: 'review', at: t('2027-11-30T14:00:00+08:00') }] }, due: '2028-02-29T14:00:00+08:00' },
  { name: 'new resident screened within 15 days (the whole 15th day counts)', register: 'households', id: 'H-6', rule: 'screening', data: { households: [{ id: 'H-6', unit: '3-301', categories: ['tenant'], moved_in_on: '2026-11-01', created_at: t('2026-11-01T09:00:00+08:00') }] }, due: '2026-11-16T23:59:59.999+08:00', clearBy: { field: 'screened_at' } },
  { name: 'screening across the year end', register: 'households', id: 'H-7', rule: 'screening', data: { households: [{ id: 'H-7', unit: '3-302', categories: ['tenant'], moved_in_on: '2026-12-20', created_at: t('2026-12-20T09:00:00+08:00') }] }, due: '2027-01-04T23:59:59.999+08:00', clearRow: { register: 'care_log', row: (due) => ({ id: 'CL-9', household_id: 'H-7', kind: 'screening', at: due }) } },
  { name: 'pregnant: reminder 7 days before the due date (leap day)', register: 'households', id: 'H-8', rule: 'due_date', data: { households: [{ id: 'H-8', unit: '4-401', categories: ['pregnant'], due_date: '2028-03-07', created_at: t('2028-02-01T09:00:00+08:00') }] }, due: '2028-02-29T00:00:00+08:00' },

  // ---- passes ----
  { name: 'pass: reminder 7 days before expiry, across the year end', register: 'passes', id: 'P-1', rule: 'expiry', data: { passes: [{ id: 'P-1', holder: '王阿姨', role: 'nanny', unit: '6-601', issued_on: '2026-10-06', expires_on: '2027-01-05' }] }, due: '2026-12-29T00:00:00+08:00', clearBy: { field: 'returned_on' } },

  // ---- visitors ----
  { name: 'visitor still inside 12 hours after coming in', register: 'visitors', id: 'VS-1', rule: 'overstay', data: { visitors: [{ id: 'VS-1', at: t('2026-11-25T20:30:00+08:00'), visitor: '周先生', unit: '3-1-502' }] }, due: '2026-11-26T08:30:00+08:00', clearBy: { field: 'left_at' } },

  // ---- outings ----
  { name: 'outing not back 2 hours after the expected time', register: 'outings', id: 'OT-1', rule: 'not_back', data: { outings: [{ id: 'OT-1', out_at: t('2026-11-25T09:00:00+08:00'), expected_back: t('2026-11-25T16:30:00+08:00'), resident: '王奶奶', unit: '7-1-302' }] }, due: '2026-11-25T18:30:00+08:00', clearBy: { field: 'back_at' } },

  // ---- move-ins ----
  { name: 'move-in step still open 7 days after the move-in date', register: 'move_ins', id: 'MI-1', rule: 'steps_due', data: { move_ins: [{ id: 'MI-1', unit: '6-1-201', resident: '黄志强', move_in_on: '2026-11-20', docs_at: t('2026-11-20T09:00:00+08:00'), notice_at: t('2026-11-20T09:00:00+08:00'), contract_at: t('2026-11-20T09:30:00+08:00'), fees_at: t('2026-11-20T09:40:00+08:00'), handover_at: t('2026-11-20T10:00:00+08:00') }] }, due: '2026-11-27T23:59:59.999+08:00', clearBy: { field: 'inspection_at' } },

  // ---- duty log and roster ----
  { name: 'night shift ends 08:30 next day without a handover', register: 'duty_log', id: '2026-11-24/night', rule: 'handover', data: { roster: [{ date: '2026-11-24', shift: 'night', officer: '李明' }], duty_log: [] }, due: '2026-11-25T08:30:00+08:00', clearRow: { register: 'duty_log', row: (due) => ({ seq: 1, kind: 'handover', at: due, officer: '张华', text: '交接完毕' }) } },
  { name: 'holiday full day ends 08:30 next day', register: 'duty_log', id: '2026-10-01/full_day', rule: 'handover', data: { roster: [{ date: '2026-10-01', shift: 'full_day', officer: '李明' }], duty_log: [] }, due: '2026-10-02T08:30:00+08:00' },
  { name: 'night shift on New Year’s Eve ends in the new year', register: 'duty_log', id: '2026-12-31/night', rule: 'handover', data: { roster: [{ date: '2026-12-31', shift: 'night', officer: '李明' }], duty_log: [] }, due: '2027-01-01T08:30:00+08:00' },
  { name: 'shift end setting moves the handover', register: 'duty_log', id: '2026-11-24/night', rule: 'handover', overrides: { duty_shift_end: '09:00' }, data: { roster: [{ date: '2026-11-24', shift: 'night', officer: '李明' }], duty_log: [] }, due: '2026-11-25T09:00:00+08:00' },
  { name: 'Friday’s log signed off by 10:00 on Monday', register: 'duty_log', id: '2026-11-27', rule: 'signoff', data: { duty_log: [{ seq: 1, kind: 'entry', at: t('2026-11-27T20:00:00+08:00'), officer: '李明', text: '巡查正常' }] }, due: '2026-11-30T10:00:00+08:00', clearRow: { register: 'duty_log', row: (due) => ({ seq: 2, kind: 'signoff', at: due, officer: '陈主管', text: '已阅' }) } },
  { name: 'the log of 30 September is signed off after National Day', register: 'duty_log', id: '2026-09-30', rule: 'signoff', data: { duty_log: [{ seq: 1, kind: 'entry', at: t('2026-09-30T21:00:00+08:00'), officer: '李明', text: '巡查正常' }] }, due: '2026-10-08T10:00:00+08:00' },
  { name: 'signoff_time=09:00', register: 'duty_log', id: '2026-11-24', rule: 'signoff', overrides: { signoff_time: '09:00' }, data: { duty_log: [{ seq: 1, kind: 'entry', at: t('2026-11-24T20:00:00+08:00'), officer: '李明', text: '巡查正常' }] }, due: '2026-11-25T09:00:00+08:00' },
  { name: 'next month’s roster due on the 25th', register: 'roster', id: '2026-12', rule: 'roster', data: { roster: [{ date: '2026-11-01', shift: 'night', officer: '李明' }] }, due: '2026-11-25T00:00:00+08:00', clearRow: { register: 'roster', row: () => ({ date: '2026-12-31', shift: 'night', officer: '李明' }) } },
  { name: 'January’s roster due on 25 December', register: 'roster', id: '2027-01', rule: 'roster', data: { roster: [{ date: '2026-12-01', shift: 'night', officer: '李明' }] }, due: '2026-12-25T00:00:00+08:00' },
  { name: 'next year’s holidays missing from Settings: the manager is reminded from 1 December', register: 'roster', id: '2027', rule: 'holidays', data: { roster: [{ date: '2026-12-01', shift: 'night', officer: '李明' }] }, due: '2026-12-01T00:00:00+08:00' },

  // ---- tenancies ----
  { name: 'tenancy let through the office: agreement signed by the lease’s first day', register: 'tenancies', id: 'TN-1', rule: 'agreement', data: { tenancies: [{ id: 'TN-1', unit: '6-1-201', tenant: '黄志强', status: 'active', via_office: true, lease_start: '2026-11-20', lease_end: '2027-11-19' }] }, due: '2026-11-20T23:59:59.999+08:00', clearBy: { field: 'agreement_on' } },
  { name: 'temporary resident registered with the police within 15 days of arriving', register: 'tenancies', id: 'TN-2', rule: 'temp_registration', data: { tenancies: [{ id: 'TN-2', unit: '6-1-202', tenant: '黄志强', status: 'active', lease_start: '2026-10-01', lease_end: '2027-09-30', temporary: '王芳 保姆 2026-11-10\n李伯 父亲 2026-11-12' }] }, due: '2026-11-25T23:59:59.999+08:00', clearBy: { field: 'ended_on' } },
  { name: 'lease ending within 30 days', register: 'tenancies', id: 'TN-3', rule: 'lease_end', data: { tenancies: [{ id: 'TN-3', unit: '6-1-203', tenant: '黄志强', status: 'active', lease_start: '2026-01-01', lease_end: '2026-12-31' }] }, due: '2026-12-01T00:00:00+08:00', clearBy: { field: 'ended_on' } },

  // ---- residents ----
  { name: 'new resident screened within 15 days: marked not a key household', register: 'residents', id: 'RS-1', rule: 'screening_new_resident', data: { residents: [{ id: 'RS-1', unit: '6-1-201', status: 'living', moved_in_on: '2026-11-01' }] }, due: '2026-11-16T23:59:59.999+08:00', clearBy: { field: 'screened_at' } },
  { name: 'new resident screened within 15 days: a key-household record for the unit', register: 'residents', id: 'RS-2', rule: 'screening_new_resident', data: { residents: [{ id: 'RS-2', unit: '6-1-202', status: 'living', moved_in_on: '2026-11-01' }], households: [] }, due: '2026-11-16T23:59:59.999+08:00', clearRow: { register: 'households', row: () => ({ id: 'H-9', unit: ' 6-1-202', categories: ['tenant'], status: 'active' }) } },
];

function withCleared(c: Case, due: Date): Data {
  const data: Data = Object.fromEntries(Object.entries(c.data).map(([k, rows]) => [k, rows!.map((r) => ({ ...r }))]));
  if (c.clearBy) data[c.clearBy.register ?? c.register]![0][c.clearBy.field] = c.clearBy.field.endsWith('_on') ? '2026-12-29' : due;
  if (c.clearRow) data[c.clearRow.register] = [...(data[c.clearRow.register] ?? []), c.clearRow.row(due)];
  return data;
}

describe.each(CASES)('$register $rule: $name', (c) => {
  const due = t(c.due);

  test('on time at the due instant, overdue 1 ms and 1 s later', () => {
    expect(pick(scan(c.data, due, c.overrides).items, c.register, c.id, c.rule)).toBeUndefined();
    expect(pick(scan(c.data, plus(due, 1), c.overrides).items, c.register, c.id, c.rule)).toMatchObject({ due, level: 1, overdueMs: 1 });
    expect(pick(scan(c.data, plus(due, 1000), c.overrides).items, c.register, c.id, c.rule)?.overdueMs).toBe(1000);
    expect(pick(scan(c.data, plus(due, -1000), c.overrides).items, c.register, c.id, c.rule)).toBeUndefined();
  });

  if (c.clearBy || c.clearRow) {
    test('cleared exactly at the due time: not overdue, even days later', () => {
      expect(pick(scan(c.data, plus(due, c.clearedFor ?? 5 * DAY), c.overrides).items, c.register, c.id, c.rule)).toBeDefined();
      expect(pick(scan(withCleared(c, due), plus(due, c.clearedFor ?? 5 * DAY), c.overrides).items, c.register, c.id, c.rule)).toBeUndefined();
    });
  }
});

test('every rule in SPEC’s overdue table is covered by the engine and by a case above', () => {
  const spec = [
    'complaints.dispatch', 'complaints.manager', 'complaints.handover', 'complaints.answer', 'complaints.resolve', 'complaints.notify',
    'complaints.visit', 'complaints.upgrade', 'violations.rectify', 'violations.cut_notice', 'requests.first_reply', 'requests.written_reply',
    'households.visit', 'households.call', 'households.review', 'households.screening', 'households.due_date', 'passes.expiry',
    'duty_log.handover', 'duty_log.signoff', 'roster.roster',
    // Added by the reminders issue: restoring supply, the yearly survey, next year's holidays.
    'violations.restore', 'households.survey', 'roster.holidays',
    // Added by issue 12: a visitor still inside after visitor_overstay_hours.
    'visitors.overstay',
    // Added by the residents register (issue 12).
    'residents.screening_new_resident',
    // Added by issue 12: a vulnerable resident not back outing_grace_hours after the time they gave.
    'outings.not_back',
    // Added by the tenancy register (issue 12).
    'tenancies.agreement', 'tenancies.temp_registration', 'tenancies.lease_end',
    // Added by issue 12: a move-in step still open move_in_days after the move-in date.
    'move_ins.steps_due',
  ];
  expect(OVERDUE_RULES.map((r) => `${r.register}.${r.rule}`).sort()).toEqual([...spec].sort());
  expect([...new Set(CASES.map((c) => `${c.register}.${c.rule}`))].sort()).toEqual([...spec].sort());
});

describe('end of the day in the office zone', () => {
  const data = { complaints: [complaint('C-4', { class: 'major', received_at: t(C_RECEIVED) })] };
  test.each([
    ['2026-11-24T23:59:59+08:00', false],
    ['2026-11-24T23:59:59.999+08:00', false],
    ['2026-11-25T00:00:00+08:00', true],
  ])('major complaint at %s: manager overdue %p', (now, overdue) => {
    expect(Boolean(pick(scan(data, t(now)).items, 'complaints', 'C-4', 'manager'))).toBe(overdue);
  });

  test('a London office ends its day at London midnight', () => {
    const london = { timezone: 'Europe/London' };
    expect(pick(scan(data, t('2026-11-24T23:59:59Z'), london).items, 'complaints', 'C-4', 'manager')).toBeUndefined();
    expect(pick(scan(data, t('2026-11-25T00:00:00Z'), london).items, 'complaints', 'C-4', 'manager')?.due).toEqual(t('2026-11-24T23:59:59.999Z'));
  });
});

describe('levels and flags', () => {
  const data = { complaints: [complaint('C-1', { class: 'major', received_at: t(C_RECEIVED) })] };
  const dispatchDue = t('2026-11-24T10:15:00+08:00');

  test.each<[string, number, Partial<Settings>, number]>([
    ['overdue by exactly 2 days', 2 * DAY, {}, 1],
    ['overdue by 2 days and 1 ms', 2 * DAY + 1, {}, 2],
    ['threshold 0: straight to the manager', 1, { manager_threshold_days: 0 }, 2],
    ['threshold 5', 3 * DAY, { manager_threshold_days: 5 }, 1],
  ])('%s → level %i', (_, late, overrides, level) => {
    const item = pick(scan(data, plus(dispatchDue, late), overrides).items, 'complaints', 'C-1', 'dispatch');
    expect(item?.level).toBe(level);
  });

  test('items carry department, unit, title and the major flag', () => {
    expect(pick(scan(data, t('2026-11-25T12:00:00+08:00')).items, 'complaints', 'C-1', 'dispatch')).toMatchObject({
      major: true,
      department: '工程部',
      unit: '3-501',
      title: '楼道灯不亮',
    });
    const v = { violations: [{ id: 'V-1', step: 'rectification_ordered', severity: 'major', unit: '5-1202', description: '占用消防通道\n堆放杂物', rectify_by: t('2026-11-30T17:00:00+08:00') }] };
    expect(pick(scan(v, t('2026-12-01T00:00:00+08:00')).items, 'violations', 'V-1', 'rectify')).toMatchObject({ major: true, title: '占用消防通道 堆放杂物' });
  });

  test('household titles are the unit, never the sensitive notes', () => {
    const h = { households: [{ id: 'H-1', unit: '1-101', occupant: '赵大爷', categories: ['criminal_record'], notes: '有前科', created_at: t('2026-01-01T09:00:00+08:00') }] };
    const item = pick(scan(h, t('2026-06-01T00:00:00+08:00')).items, 'households', 'H-1', 'review');
    expect(item?.title).toBe('1-101');
    expect(JSON.stringify(item)).not.toContain('有前科');
  });

  test('items are sorted: level 2 first, then the longest overdue', () => {
    const many = { complaints: [complaint('C-1', { class: 'minor', received_at: t('2026-11-20T10:00:00+08:00') }), complaint('C-2', { class: 'minor', received_at: t(C_RECEIVED) })] };
    const items = scan(many, t('2026-11-24T12:00:00+08:00')).items;
    expect(items.map((i) => `${i.id}.${i.rule}.${i.level}`)).toEqual(['C-1.dispatch.2', 'C-1.resolve.2', 'C-2.dispatch.1']);
  });
});

describe('what is not overdue', () => {
  const now = t('2027-06-01T00:00:00+08:00');
  test.each<[string, Data]>([
    ['closed complaint', { complaints: [complaint('C-1', { class: 'major', status: 'closed', received_at: t(C_RECEIVED) })] }],
    ['complaint with closed_at', { complaints: [complaint('C-1', { class: 'major', received_at: t(C_RECEIVED), closed_at: t('2026-11-25T10:00:00+08:00') })] }],
    ['closed violation', { violations: [{ id: 'V-1', step: 'closed', severity: 'major', rectify_by: t('2026-11-30T17:00:00+08:00') }] }],
    ['violation only educated (no deadline given)', { violations: [{ id: 'V-1', step: 'educated', severity: 'general', rectify_by: null }] }],
    ['closed request', { requests: [{ id: 'R-1', type: 'written_enquiry', received_at: t(C_RECEIVED), closed_at: t(C_RECEIVED) }] }],
    ['inactive household', { households: [{ id: 'H-1', status: 'inactive', categories: ['elderly_alone', 'pregnant'], due_date: '2026-12-01', moved_in_on: '2026-01-01', created_at: t('2026-01-01T09:00:00+08:00') }] }],
    ['returned pass', { passes: [{ id: 'P-1', issued_on: '2026-10-06', expires_on: '2027-01-05', returned_on: '2026-12-01' }] }],
    ['cut carried out (notice history is no longer a warning)', { violations: [{ id: 'V-2', step: 'cut', severity: 'major', cut_planned_at: t('2026-12-05T09:00:00+08:00'), cut_at: t('2026-12-05T09:00:00+08:00') }] }],
    ['duty log with only signoffs', { duty_log: [{ seq: 1, kind: 'signoff', at: t('2026-11-24T09:00:00+08:00'), text: '已阅' }] }],
    ['rows with missing times', { complaints: [complaint('C-9', { class: 'minor', received_at: null })], requests: [{ id: 'R-9', type: 'repair', received_at: 'yesterday' }] }],
  ])('%s', (_, data) => {
    expect(scan(data, now).items).toEqual([]);
  });

  test('invalid complaints have no resolve and no upgrade', () => {
    const res = scan({ complaints: [complaint('C-1', { class: 'invalid', received_at: t(C_RECEIVED), dispatched_at: t(C_RECEIVED) })] }, now);
    expect(res.items).toEqual([]);
    expect(res.upgrades).toEqual([]);
  });

  test('a late clearing time still clears (dispatched an hour late)', () => {
    const data = { complaints: [complaint('C-1', { class: 'minor', received_at: t(C_RECEIVED), dispatched_at: t('2026-11-24T11:15:00+08:00') })] };
    expect(pick(scan(data, t('2026-11-24T12:00:00+08:00')).items, 'complaints', 'C-1', 'dispatch')).toBeUndefined();
  });

  test('resolving a complaint ends dispatch, handover and answer timers, not the manager’s', () => {
    const data = { complaints: [complaint('C-1', { class: 'major', received_at: t(C_RECEIVED), resolved_at: t('2026-11-24T10:05:00+08:00'), notified_at: t('2026-11-24T10:10:00+08:00'), visited_at: t('2026-11-24T11:00:00+08:00') })] };
    expect(scan(data, t('2026-12-30T00:00:00+08:00')).items.map((i) => i.rule)).toEqual(['manager']);
  });

  test('a cut whose notice was served in time is no warning', () => {
    const v = { violations: [{ id: 'V-2', step: 'cut_notice_served', severity: 'major', cut_notice_served_at: t('2026-12-01T09:00:00+08:00'), cut_planned_at: t('2026-12-05T09:00:00+08:00') }] };
    expect(scan(v, t('2026-12-04T00:00:00+08:00')).items).toEqual([]);
  });

  test('calls_per_week=0 switches the call rule off', () => {
    const h = { households: [{ id: 'H-1', unit: '1-101', categories: ['elderly_alone'], created_at: t('2026-11-01T09:00:00+08:00') }] };
    expect(pick(scan(h, t('2026-11-30T00:00:00+08:00')).items, 'households', 'H-1', 'call')).toBeDefined();
    expect(pick(scan(h, t('2026-11-30T00:00:00+08:00'), { household_calls_per_week: 0 }).items, 'households', 'H-1', 'call')).toBeUndefined();
  });
});

describe('complaint upgrades', () => {
  test('each valid unresolved complaint past 30 days is listed once for reclassifying', () => {
    const data = {
      complaints: [
        complaint('C-1', { class: 'minor', received_at: t('2026-10-01T10:00:00+08:00'), dispatched_at: t('2026-10-01T10:00:00+08:00') }),
        complaint('C-2', { class: 'important', received_at: t('2026-10-01T10:00:00+08:00'), dispatched_at: t('2026-10-01T10:00:00+08:00') }),
        complaint('C-3', { class: 'major', received_at: t('2026-10-01T10:00:00+08:00'), dispatched_at: t('2026-10-01T10:00:00+08:00') }),
        complaint('C-4', { class: 'minor', received_at: t('2026-11-01T10:00:00+08:00'), dispatched_at: t('2026-11-01T10:00:00+08:00') }),
      ],
    };
    const res = scan(data, t('2026-11-15T10:00:00+08:00'));
    expect(res.upgrades).toEqual([
      { register: 'complaints', id: 'C-1' },
      { register: 'complaints', id: 'C-2' },
    ]);
    expect(pick(res.items, 'complaints', 'C-1', 'upgrade')?.major).toBe(true);
  });
});

describe('duty log', () => {
  const roster = [{ date: '2026-11-24', shift: 'night', officer: '李明' }];
  const now = t('2026-11-25T12:00:00+08:00');
  test.each([
    ['07:30 (an hour before the end)', '2026-11-25T07:30:00+08:00', false],
    ['07:29:59 (too early: belongs to nothing)', '2026-11-25T07:29:59+08:00', true],
    ['08:25', '2026-11-25T08:25:00+08:00', false],
    ['10:30 (two hours after)', '2026-11-25T10:30:00+08:00', false],
    ['10:30:01 (too late)', '2026-11-25T10:30:01+08:00', true],
  ])('handover written at %s → overdue %p', (_, at, overdue) => {
    const log = [{ seq: 1, kind: 'handover', at: t(at), text: '交接' }];
    expect(Boolean(pick(scan({ roster, duty_log: log }, now).items, 'duty_log', '2026-11-24/night', 'handover'))).toBe(overdue);
  });

  test('an ordinary entry is not a handover', () => {
    const log = [{ seq: 1, kind: 'entry', at: t('2026-11-25T08:30:00+08:00'), text: '交接' }];
    expect(pick(scan({ roster, duty_log: log }, now).items, 'duty_log', '2026-11-24/night', 'handover')).toBeDefined();
  });

  test('the shift windows', () => {
    const s = withSettings();
    expect(shiftWindow('2026-11-24', 'night', s)).toEqual({ start: t('2026-11-24T17:30:00+08:00'), end: t('2026-11-25T08:30:00+08:00') });
    expect(shiftWindow('2026-10-01', 'full_day', s)).toEqual({ start: t('2026-10-01T08:30:00+08:00'), end: t('2026-10-02T08:30:00+08:00') });
    expect(shiftWindow('2026-10-01', 'day', s)).toBeNull();
  });

  test('the morning signoff covers the night’s after-midnight entries; a signoff before the last entry does not count', () => {
    const log = [
      { seq: 1, kind: 'entry', at: t('2026-11-24T22:00:00+08:00'), text: 'a' },
      { seq: 2, kind: 'entry', at: t('2026-11-25T02:00:00+08:00'), text: 'b' },
      { seq: 3, kind: 'signoff', at: t('2026-11-25T09:00:00+08:00'), text: '已阅' },
      { seq: 4, kind: 'entry', at: t('2026-11-25T21:00:00+08:00'), text: 'c' },
    ];
    const items = scan({ duty_log: log }, t('2026-11-26T10:00:01+08:00')).items.filter((i) => i.rule === 'signoff');
    expect(items.map((i) => i.id)).toEqual(['2026-11-25']);
    expect(items[0].due).toEqual(t('2026-11-26T10:00:00+08:00'));
  });

  test('a Saturday log waits for Monday 10:00; the make-up Saturday 10 October is a working morning', () => {
    const sat = [{ seq: 1, kind: 'entry', at: t('2026-11-28T20:00:00+08:00'), text: 'a' }];
    expect(pick(scan({ duty_log: sat }, t('2026-11-30T10:00:01+08:00')).items, 'duty_log', '2026-11-28', 'signoff')?.due).toEqual(t('2026-11-30T10:00:00+08:00'));
    const fri = [{ seq: 1, kind: 'entry', at: t('2026-10-09T20:00:00+08:00'), text: 'a' }];
    expect(pick(scan({ duty_log: fri }, t('2026-10-10T10:00:01+08:00')).items, 'duty_log', '2026-10-09', 'signoff')).toBeDefined();
  });
});

describe('roster', () => {
  test.each([
    ['2026-12', 25, '2026-11-25T00:00:00+08:00'],
    ['2027-01', 25, '2026-12-25T00:00:00+08:00'],
    ['2027-03', 31, '2027-02-28T00:00:00+08:00'],
    ['2028-03', 31, '2028-02-29T00:00:00+08:00'],
    ['2027-05', 20, '2027-04-20T00:00:00+08:00'],
  ])('the %s roster with roster_due_day=%i is due %s', (month, day, due) => {
    expect(rosterDue(month, withSettings({ roster_due_day: day }))).toEqual(t(due));
  });

  test('an empty current month is overdue too; no roster register means no roster check', () => {
    const items = scan({ roster: [] }, t('2026-11-10T00:00:00+08:00')).items;
    expect(items.map((i) => i.id)).toEqual(['2026-11']);
    expect(scan({}, t('2026-11-10T00:00:00+08:00')).items).toEqual([]);
  });
});

describe('checkCutSchedule refuses a cut without 3 days’ written notice', () => {
  const served = t('2026-12-01T09:00:00+08:00');
  test.each<[string, Date | null, Date | null, Partial<Settings>, boolean]>([
    ['exactly 3 days later', served, t('2026-12-04T09:00:00+08:00'), {}, true],
    ['1 ms short of 3 days', served, t('2026-12-04T08:59:59.999+08:00'), {}, false],
    ['next day', served, t('2026-12-02T09:00:00+08:00'), {}, false],
    ['notice not served', null, t('2026-12-10T09:00:00+08:00'), {}, false],
    ['no planned time', served, null, {}, false],
    ['5 days’ notice required', served, t('2026-12-05T09:00:00+08:00'), { violation_cut_notice_days: 5 }, false],
    ['working days: Friday notice allows Wednesday', t('2026-11-27T09:00:00+08:00'), t('2026-12-02T09:00:00+08:00'), { day_mode: 'working' }, true],
    ['working days: Friday notice refuses Monday', t('2026-11-27T09:00:00+08:00'), t('2026-11-30T09:00:00+08:00'), { day_mode: 'working' }, false],
  ])('%s', (_, s, p, overrides, allowed) => {
    const reason = checkCutSchedule(s, p, withSettings(overrides));
    expect(reason === null).toBe(allowed);
  });

  test('the reason is in the office language and names the earliest time', () => {
    expect(checkCutSchedule(served, t('2026-12-02T09:00:00+08:00'), withSettings())).toContain('2026-12-04 09:00');
    expect(checkCutSchedule(served, t('2026-12-02T09:00:00+08:00'), withSettings({ lang: 'en' }))).toMatch(/at least 3 days/);
  });
});

describe('checkPassLength refuses passes longer than 3 months', () => {
  test.each<[string, string, Partial<Settings>, boolean]>([
    ['2026-11-01', '2027-02-01', {}, true],
    ['2026-11-01', '2027-02-02', {}, false],
    ['2026-11-30', '2027-02-28', {}, true],
    ['2026-11-30', '2027-03-01', {}, false],
    ['2027-11-29', '2028-02-29', {}, true],
    ['2026-12-15', '2026-12-14', {}, false],
    ['2026-11-01', '2027-05-01', { pass_max_months: 6 }, true],
    ['2026-11-01', '2027-02-30', {}, false],
  ])('%s → %s allowed %p', (issued, expires, overrides, allowed) => {
    expect(checkPassLength(issued, expires, withSettings(overrides)) === null).toBe(allowed);
  });
});

describe('a machine in another zone still gets Shanghai days', () => {
  // Jest pins TZ=Asia/Shanghai for its workers, so the engine is run in a child Node process set to New York.
  test('the same dues are computed with TZ=America/New_York', () => {
    const picked = CASES.filter((c) => ['manager', 'notify', 'screening', 'signoff', 'roster', 'due_date', 'expiry', 'visit'].includes(c.rule));
    const expected = picked.map((c) => t(c.due).toISOString());
    expect(runInZone('America/New_York', picked)).toEqual(expected);
    expect(runInZone('UTC', picked)).toEqual(expected);
  });
});

/** Transpiles the domain sources to a temp dir and computes each case's due in a Node process with the given TZ. */
function runInZone(zone: string, cases: Case[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadlines-'));
  const src = path.join(__dirname, '../../src/domain');
  for (const f of ['types', 'registers', 'zone', 'calendar', 'noticeNumbers', 'neutralise', 'sha256', 'retention', 'settings', 'tenancy', 'deadlines']) {
    const out = ts.transpileModule(fs.readFileSync(path.join(src, `${f}.ts`), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
    fs.writeFileSync(path.join(dir, `${f}.js`), out.outputText);
  }
  // Dates cross as ISO strings; the child rebuilds them before scanning.
  const payload = JSON.stringify(cases.map((c) => ({ ...c, clearRow: undefined })));
  const script = `
    const { computeOverdue } = require('./deadlines');
    const { withSettings } = require('./settings');
    const revive = (v) => typeof v === 'string' && /^\\d{4}-\\d{2}-\\d{2}T/.test(v) ? new Date(v) : v;
    const cases = JSON.parse(process.argv[1]);
    const dues = cases.map((c) => {
      const data = Object.fromEntries(Object.entries(c.data).map(([k, rows]) => [k, rows.map((r) => Object.fromEntries(Object.entries(r).map(([f, v]) => [f, revive(v)])))]));
      const due = new Date(c.due);
      const item = computeOverdue({ now: new Date(due.getTime() + 1), settings: withSettings(c.overrides || {}), data })
        .items.find((i) => i.register === c.register && i.id === c.id && i.rule === c.rule);
      return item ? item.due.toISOString() : null;
    });
    process.stdout.write(JSON.stringify({ offset: new Date(2026, 10, 24).getTimezoneOffset(), dues }));`;
  const out = execFileSync(process.execPath, ['-e', script, payload], {
    cwd: dir,
    env: { ...process.env, TZ: zone, NODE_PATH: path.join(__dirname, '../../node_modules') },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const { offset, dues } = JSON.parse(String(out)) as { offset: number; dues: string[] };
  expect(offset).toBe(zone === 'UTC' ? 0 : 300); // the child really ran in that zone
  return dues;
}

describe('reminders that end', () => {
  const pregnant = (extra: Partial<Rec> = {}): Data => ({ households: [{ id: 'H-8', unit: '4-401', categories: ['pregnant'], due_date: '2026-12-10', created_at: t('2026-10-01T09:00:00+08:00'), ...extra }] });
  const reminded = (data: Data, at: string) => pick(scan(data, t(at)).items, 'households', 'H-8', 'due_date');
  test.each([
    ['the day before the week starts', '2026-12-02T23:00:00+08:00', false],
    ['a week before the due date', '2026-12-03T00:00:01+08:00', true],
    ['on the due date', '2026-12-10T12:00:00+08:00', true],
    ['two weeks after, last minute', '2026-12-24T23:59:00+08:00', true],
    ['two weeks after, the next day', '2026-12-25T00:00:01+08:00', false],
  ])('pregnancy reminder %s: %s → %s', (_n, at, expected) => {
    expect(Boolean(reminded(pregnant(), at))).toBe(expected);
  });
  test('the pregnancy reminder ends once the household is updated during it', () => {
    expect(reminded(pregnant({ updated_at: t('2026-12-05T10:00:00+08:00') }), '2026-12-06T10:00:00+08:00')).toBeUndefined();
    // An update before the reminder started does not clear it.
    expect(reminded(pregnant({ updated_at: t('2026-11-20T10:00:00+08:00') }), '2026-12-06T10:00:00+08:00')).toBeDefined();
  });

  test('the 25th is an early warning at level 1; escalation counts from the 1st of the month', () => {
    const data: Data = { roster: [{ date: '2026-11-01', shift: 'night', officer: '李明' }] };
    const item = (at: string, o: Partial<Settings> = {}) => pick(scan(data, t(at), o).items, 'roster', '2026-12', 'roster');
    expect(item('2026-11-25T00:00:01+08:00')).toMatchObject({ level: 1 });
    // manager_threshold_days=3 after 25 Nov would be 28 Nov; from 1 Dec it is 4 Dec.
    expect(item('2026-11-29T09:00:00+08:00', { manager_threshold_days: 3 })).toMatchObject({ level: 1 });
    expect(item('2026-12-04T00:00:01+08:00', { manager_threshold_days: 3 })).toMatchObject({ level: 2 });
  });

  test('holidays: none reminder while Settings lists a holiday in next month’s year', () => {
    const data: Data = { roster: [{ date: '2026-12-01', shift: 'night', officer: '李明' }] };
    expect(pick(scan(data, t('2026-12-15T09:00:00+08:00'), { holidays: ['2027-01-01'] }).items, 'roster', '2027', 'holidays')).toBeUndefined();
    expect(pick(scan(data, t('2026-12-15T09:00:00+08:00')).items, 'roster', '2027', 'holidays')).toMatchObject({ major: true });
  });
});

describe('one pass for now and the next day', () => {
  it('lists what is due within the horizon, overdue or not, exactly as a second pass a day later would', () => {
    const now = t('2026-11-25T09:00:00+08:00');
    const data: Data = {
      complaints: [
        complaint('C-1', { class: 'minor', received_at: t('2026-11-25T08:00:00+08:00') }),
        complaint('C-2', { class: 'important', received_at: t('2026-11-25T08:50:00+08:00') }),
        complaint('C-3', { class: 'major', received_at: t('2026-11-20T08:00:00+08:00') }),
      ],
      passes: [{ id: 'P-1', holder: '何阿姨', unit: '1-101', expires_on: '2026-11-29' }, { id: 'P-2', holder: '何', unit: '1-102', expires_on: '2026-12-20' }],
    };
    const once = computeOverdue({ now, settings: withSettings({}), data, horizonMs: DAY });
    const later = scan(data, plus(now, DAY));
    const key = (i: OverdueItem) => `${i.register}|${i.id}|${i.rule}|${i.due.toISOString()}`;
    expect(once.soon.map(key).sort()).toEqual(later.items.map(key).sort());
    // The overdue list is still the one for now, with its levels.
    expect(once.items).toEqual(scan(data, now).items);
    expect(once.soon.length).toBeGreaterThan(once.items.length);
    expect(scan(data, now).soon).toEqual([]);
  });
});
