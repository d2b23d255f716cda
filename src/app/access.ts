// Who may do what: the server-side role checks behind every write (hiding a button is not a check).
import { ActionDef, RegisterDef, rolesFor } from '../domain/registers';
import { Actor, fail, Failure, Lang, Rec, RoleKey } from '../domain/types';
import { msg } from '../domain/messages';

const STAFF: readonly RoleKey[] = ['clerk', 'supervisor', 'manager'];

/** Why a user without the needed role is refused: Google hid who they are, they are not in Roles, or their role does not allow it. */
export const refusal = (actor: Actor): 'no_email' | 'not_registered' | 'forbidden' =>
  actor.email === '' ? 'no_email' : actor.roles.length ? 'forbidden' : 'not_registered';

export const hasAny = (actor: Actor, roles: readonly RoleKey[]): boolean => actor.roles.some((r) => roles.includes(r));

/** Roles that may add records to a register: staff, and security for what it observes on patrol. */
export function canCreate(actor: Actor, def: RegisterDef): boolean {
  if (def.key === 'roles') return hasAny(actor, ['manager']);
  if (def.key === 'violations' || def.key === 'requests' || def.key === 'visitors' || def.key === 'outings' || def.key === 'emergency_entries') return hasAny(actor, [...STAFF, 'security']);
  return hasAny(actor, STAFF);
}

export const canEdit = (actor: Actor, def: RegisterDef): boolean =>
  def.key === 'roles' ? hasAny(actor, ['manager']) : hasAny(actor, STAFF);

/** Actions on a major violation that are the manager's decision besides penalties (seed 001 第6篇 4.2.7). */
const MAJOR_VIOLATION_DECISIONS = ['order_rectification', 'close'];

export function canRun(actor: Actor, def: RegisterDef, action: ActionDef, rec: Rec): boolean {
  const majorDecision = def.key === 'violations' && rec.severity === 'major' && MAJOR_VIOLATION_DECISIONS.includes(action.key);
  return hasAny(actor, majorDecision ? ['manager'] : rolesFor(action));
}

/** The record's lifecycle state; registers without a state field are open until closed or returned. */
export function stateOf(def: RegisterDef, rec: Rec): string {
  if (def.stateField) return String(rec[def.stateField] ?? def.initialState ?? '');
  // A move-in is done when its last step is.
  const done = def.key === 'move_ins' && def.actions.every((a) => rec[a.stamp!]);
  return done || rec.closed_at || rec.returned_on || rec.left_at || rec.back_at ? 'closed' : 'open';
}

/** The actions this user may run on this record now. */
export function allowedActions(actor: Actor, def: RegisterDef, rec: Rec): string[] {
  const state = stateOf(def, rec);
  return def.actions.filter((a) => a.from.includes(state) && canRun(actor, def, a, rec) && fitsRecord(def, a, rec)).map((a) => a.key);
}

/** Actions that only make sense for some records (supply cuts are for fee arrears only). */
export function fitsRecord(def: RegisterDef, action: ActionDef, rec: Rec): boolean {
  if (def.key === 'violations' && ['serve_cut_notice', 'cut', 'confirm_paid'].includes(action.key)) return rec.category === 'fees';
  // A move-in step is done once; its stamp says when and updated_by by whom.
  if (def.key === 'move_ins') return !action.stamp || !rec[action.stamp];
  return true;
}

/**
 * Who may read a register. Key households (the elderly living alone, tenants with records) and the
 * Roles tab (everyone's email) are personal data: department staff, who only handle dispatched
 * complaints and repairs, never see them, and security sees the households it is told to watch.
 */
const READERS: Partial<Record<RegisterDef['key'], readonly RoleKey[]>> = {
  roles: STAFF,
  households: [...STAFF, 'security'],
  household_changes: [...STAFF, 'security'],
  care_log: STAFF,
  // Guards on duty write their rounds into it (issue 15; SPEC gave it to clerks only).
  duty_log: [...STAFF, 'security'],
  roster: [...STAFF, 'security'],
  complaints: [...STAFF, 'department'],
  requests: [...STAFF, 'security', 'department'],
  violations: [...STAFF, 'security'],
  passes: [...STAFF, 'security'],
  visitors: [...STAFF, 'security'],
  outings: [...STAFF, 'security'],
  emergency_entries: [...STAFF, 'security'],
  // The gate checks a pass before letting goods out.
  release_passes: [...STAFF, 'security'],
};

export const canRead = (actor: Actor, def: RegisterDef): boolean => hasAny(actor, READERS[def.key] ?? STAFF);

/** The refusal for a read, or null: nobody outside the Roles tab reads anything. */
export function denyRead(actor: Actor, lang: Lang, def?: RegisterDef): Failure | null {
  if (!actor.roles.length) return fail('forbidden', msg('not_registered', lang));
  if (def && !canRead(actor, def)) return fail('forbidden', msg('forbidden', lang));
  return null;
}
