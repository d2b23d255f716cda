// Roster use case: the supervisor fills next month's duty roster in one click, never over a month that already has rows.
import { neutralise } from '../domain/neutralise';
import { Book } from './book';
import { hasAny } from './access';
import { guarded } from './guarded';
import type { Ports } from '../ports';
import { dateOf, daysOfMonth, fillRoster as planRoster, nextMonth, parseMonth, RosterRow, shiftWindow } from '../domain/roster';
import { dayKey } from '../domain/calendar';
import { isoInZone, recordToRow } from '../domain/table';
import { msg } from '../domain/messages';
import { Cell, fail, Failure, L, Rec } from '../domain/types';

const FILL_ROLE = L('只有客服主管或管理处经理可以编排值班表', '只有客服主管或管理處經理可以編排值班表', 'Only a supervisor or the office manager may fill the roster');

export type FillRosterResult =
  | { ok: true; month: string; count: number; rows: (RosterRow & { start: string; end: string })[] }
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
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', actor.roles.length ? FILL_ROLE[lang] : msg('not_registered', lang));
  const s = book.settings();
  const tz = book.tz;
  const target = month === undefined || month === null || month === '' ? nextMonth(dayKey(book.now, tz).slice(0, 7)) : month;
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
    return {
      ok: true,
      month: target.trim(),
      count: plan.rows.length,
      rows: plan.rows.map((r) => {
        const w = shiftWindow(r, s, tz);
        return { ...r, start: isoInZone(w.start, tz), end: isoInZone(w.end, tz) };
      }),
    };
  });
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
