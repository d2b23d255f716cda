// Roster use case: the supervisor fills next month's duty roster in one click, never over a month that already has rows.
import { neutralise } from '../domain/neutralise';
import { Book } from './book';
import { hasAny, refusal } from './access';
import { guarded } from './guarded';
import { recordHistory } from './history';
import type { Ports } from '../ports';
import { dateOf, daysOfMonth, fillRoster as planRoster, nextMonth, parseMonth, RosterRow, shiftWindow } from '../domain/roster';
import { dayKey } from '../domain/calendar';
import { isoInZone, recordToRow } from '../domain/table';
import { msg } from '../domain/messages';
import { Cell, fail, Failure, L, Rec } from '../domain/types';

const FILL_ROLE = L('只有客服主管或管理处经理可以编排值班表', '只有客服主管或管理處經理可以編排值班表', 'Only a supervisor or the office manager may fill the roster');

const NO_HOLIDAYS = L(
  '设置中还没有 {year} 年的法定节假日，节假日全天班未排入；请经理在设置的“法定节假日”中补上后，核对值班表',
  '設定中還沒有 {year} 年的法定節假日，節假日全天班未排入；請經理在設定的「法定節假日」中補上後，核對值班表',
  'Settings list no public holidays for {year}, so no holiday full days were rostered; ask the manager to add them under Public holidays, then check the roster',
);

export type FillRosterResult =
  | { ok: true; month: string; count: number; rows: (RosterRow & { start: string; end: string })[]; warning?: string }
  | Failure;

/**
 * Fills a month's roster (default: next month in the office zone). Officers default to
 * everyone with the clerk role in the Roles tab; an email is written as that person's name.
 * The new rows go in date order: appended after earlier months, or ahead of any later month
 * already there, so the tab keeps one block per month.
 */
export function fillRoster(ports: Ports, month?: unknown, officers?: unknown): FillRosterResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', actor.roles.length ? FILL_ROLE[lang] : msg(refusal(actor), lang));
  const s = book.settings();
  const tz = book.tz;
  const target = month === undefined || month === null || month === '' ? monthMostInNeed(book, tz) : month;
  if (typeof target !== 'string' || !parseMonth(target)) return fail('invalid', msg('invalid_input', lang), { month: msg('bad_option', lang) });
  if (officers !== undefined && officers !== null && !(Array.isArray(officers) && officers.every((o) => typeof o === 'string'))) {
    return fail('invalid', msg('invalid_input', lang), { officers: msg('bad_list', lang) });
  }
  const names = officerNames(book, officers as string[] | undefined | null);

  return guarded(ports, () => lang, (): FillRosterResult => {
    const loaded = book.load('roster');
    if (!loaded) return fail('not_setup', msg('not_setup', lang));
    const plan = planRoster(target.trim(), names, s, loaded.records, lang);
    if (!plan.ok) return plan;
    const cells = plan.rows.map((r) => recordToRow(loaded.layout, r as unknown as Rec, lang, tz));
    const lastDay = daysOfMonth(target.trim()).slice(-1)[0];
    const later = loaded.records.findIndex((r) => (dateOf(r.date as Cell, tz) ?? '') > lastDay);
    if (later < 0) ports.tables.append(loaded.tab, cells);
    // A later month is already there: write this month ahead of it and move the rest down, in one write.
    // Rows moved down are written back as read: text stays text, never becoming a formula.
    else ports.tables.write(loaded.tab, later, [...cells, ...loaded.rows.slice(later).map((row) => pad(row, loaded.layout.width).map((c) => (typeof c === 'string' ? neutralise(c) : c)))]);
    // Without the year's official holidays, holiday full days cannot be known: say so rather than guess.
    const year = target.trim().slice(0, 4);
    const warning = s.holidays.some((d) => d.startsWith(year)) ? undefined : NO_HOLIDAYS[lang].replace('{year}', year);
    return {
      ok: true,
      month: target.trim(),
      count: plan.rows.length,
      ...(warning ? { warning } : {}),
      rows: plan.rows.map((r) => {
        const w = shiftWindow(r, s, tz);
        return { ...r, start: isoInZone(w.start, tz), end: isoInZone(w.end, tz) };
      }),
    };
  });
}

/** The current month while it is still empty, else the next: on 1 December an empty December comes first. */
function monthMostInNeed(book: Book, tz: string): string {
  const thisMonth = dayKey(book.now, tz).slice(0, 7);
  const rows = book.load('roster')?.records ?? [];
  return rows.some((r) => (dateOf(r.date as Cell, tz) ?? '').startsWith(thisMonth)) ? nextMonth(thisMonth) : thisMonth;
}

const pad = (row: Cell[], width: number): Cell[] => (row.length >= width ? row : [...row, ...new Array<Cell>(width - row.length).fill('')]);

/** The names to put on the roster: given ones (emails become names), else every clerk's name. */
function officerNames(book: Book, given: string[] | undefined | null): string[] {
  const roles = book.load('roles')?.records ?? [];
  const nameOf = (r: Rec) => String(r.name || r.email || '').trim();
  if (given && given.length) {
    return given.map((g) => {
      const email = g.trim().toLowerCase();
      const rec = roles.find((r) => String(r.email ?? '').toLowerCase() === email);
      return rec ? nameOf(rec) : g.trim();
    });
  }
  return roles.filter((r) => Array.isArray(r.roles) && r.roles.includes('clerk')).map(nameOf).filter(Boolean);
}

const SWAP = {
  role: L('换班须由客服主管或管理处经理批准', '換班須由客服主管或管理處經理批准', 'A shift swap is approved by a supervisor or the office manager'),
  noShift: L('值班表中没有这一班', '值班表中沒有這一班', 'There is no such shift on the roster'),
  same: L('换班人与原值班人相同', '換班人與原值班人相同', 'The new officer is the one already on duty'),
};

/**
 * Records a shift swap approved by the signed-in supervisor: the roster row names the new officer,
 * who it was swapped from and who approved it. The duty-log rules read the roster, so the handover
 * and tonight's officer follow the swap.
 */
export function swapShift(ports: Ports, date: unknown, shift: unknown, officer: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', actor.roles.length ? SWAP.role[lang] : msg(refusal(actor), lang));
  const errors: Record<string, string> = {};
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = msg('bad_date', lang);
  if (shift !== 'night' && shift !== 'full_day') errors.shift = msg('bad_option', lang);
  const name = typeof officer === 'string' ? officerNames(book, [officer])[0]! : '';
  if (!name.trim()) errors.officer = msg('required', lang);
  if (Object.keys(errors).length) return fail('invalid', msg('invalid_input', lang), errors);
  const tz = book.tz;
  return guarded(ports, () => lang, () => {
    const loaded = book.load('roster');
    if (!loaded) return fail('not_setup', msg('not_setup', lang));
    const index = loaded.records.findIndex((r) => dateOf(r.date as Cell, tz) === date && r.shift === shift);
    if (index < 0) return fail('not_found', SWAP.noShift[lang], { date: SWAP.noShift[lang] });
    const rec = loaded.records[index]!;
    if (String(rec.officer) === name) return fail('invalid', SWAP.same[lang], { officer: SWAP.same[lang] });
    const next: Rec = { ...rec, officer: name, swapped_from: rec.swapped_from || rec.officer, swap_approved_by: actor.name };
    book.writeRecord(loaded, index, next);
    recordHistory(book, [{ register: 'roster', before: rec, after: { ...next, id: date as string }, action: 'swap' }]);
    return { ok: true as const, date: date as string, shift: shift as string, officer: name, swappedFrom: String(next.swapped_from), approvedBy: actor.name };
  });
}
