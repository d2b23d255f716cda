// getPickers: the choices the sidebar offers instead of free text (departments, duty officers, households), names only.
import { Book } from './book';
import { canRead, denyRead, hasAny } from './access';
import type { Ports } from '../ports';
import { REGISTERS } from '../domain/registers';
import { rosterRowOf, shiftWindow } from '../domain/roster';
import { Rec } from '../domain/types';

export interface Pickers {
  ok: true;
  /** Departments a complaint can go to: those in Roles (department rows), then Settings' list. */
  departments: string[];
  /** Who can take over the duty log; tonight's rostered officer first (rostered: true). */
  officers: { value: string; label: string; rostered?: boolean }[];
  /** Key households to pick by unit or occupant; the id is what is saved. */
  households: { id: string; unit: string; name: string }[];
}

const STAFF = ['clerk', 'supervisor', 'manager'] as const;
const rolesOf = (r: Rec): string[] => (Array.isArray(r.roles) ? r.roles : []);
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Only names and units travel: no phone, ID number or category. Each list goes only to those who
 * may read where it comes from (households to those who read key households, officers to staff).
 */
export function getPickers(ports: Ports): Pickers | ReturnType<typeof denyRead> & object {
  const book = new Book(ports);
  const actor = book.actor();
  const denied = denyRead(actor, book.lang);
  if (denied) return denied;
  const roles = book.load('roles')?.records ?? [];
  const fromRoles = roles.filter((r) => rolesOf(r).includes('department')).map((r) => text(r.department));
  const departments = [...new Set([...fromRoles, ...book.settings().departments].filter(Boolean))];
  return { ok: true, departments, officers: hasAny(actor, [...STAFF]) ? officers(book, roles) : [], households: households(book, actor) };
}

/**
 * Staff who can keep the duty log, by name (the log is signed by name), with the officer of the
 * first rostered shift that has not ended yet — tonight's, or the one running now — first.
 */
function officers(book: Book, roles: readonly Rec[]): Pickers['officers'] {
  const staff = roles.filter((r) => rolesOf(r).some((k) => (STAFF as readonly string[]).includes(k)));
  const list = staff.map((r) => ({ value: text(r.email), label: text(r.name) || text(r.email) })).filter((o) => o.value);
  const tonight = tonightsOfficer(book);
  if (!tonight) return list;
  const i = list.findIndex((o) => o.label === tonight || o.value.toLowerCase() === tonight.toLowerCase());
  // A rostered name not in Roles (a stand-in) is still offered: the log takes a name.
  const first = i >= 0 ? list.splice(i, 1)[0] : { value: tonight, label: tonight };
  return [{ ...first, rostered: true }, ...list];
}

function tonightsOfficer(book: Book): string {
  const rows = book.load('roster')?.records ?? [];
  const s = book.settings();
  const now = book.now.getTime();
  let best: { end: number; officer: string } | null = null;
  for (const rec of rows) {
    const row = rosterRowOf(rec, book.tz);
    if (!row || !row.officer) continue;
    const end = shiftWindow(row, s, book.tz).end.getTime();
    if (end > now && (!best || end < best.end)) best = { end, officer: row.officer };
  }
  return best?.officer ?? '';
}

function households(book: Book, actor: ReturnType<Book['actor']>): Pickers['households'] {
  if (!canRead(actor, REGISTERS.households)) return [];
  const loaded = book.load('households');
  return (loaded?.records ?? [])
    .filter((r) => text(r.id) && r.status !== 'inactive')
    .map((r) => ({ id: text(r.id), unit: text(r.unit), name: text(r.occupant) }))
    .sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || a.id.localeCompare(b.id));
}
