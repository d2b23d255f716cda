// The Roles tab's seal: a fingerprint of the rows the add-on last wrote, so a role typed in by hand raises nothing until a manager confirms it.
import type { Ports } from '../ports';
import { sha256Hex } from '../domain/sha256';
import { L, Lang, Rec, ROLE_KEYS, RoleKey } from '../domain/types';

const FP_KEY = 'roles.fingerprint';
const MANAGERS_KEY = 'roles.managers';
const ALERTED_KEY = 'roles.alerted';

export const ROLES_TEXT = {
  unconfirmed: L(
    '人员权限表在台账之外被改动过，须由经理先确认（菜单“确认人员权限”）后才能再调整权限',
    '人員權限表在台賬之外被改動過，須由經理先確認（選單「確認人員權限」）後才能再調整權限',
    'The Roles tab was changed outside the add-on; a manager must confirm it (Confirm roles) before roles can change again',
  ),
  last_manager: L('至少要保留一位管理处经理', '至少要保留一位管理處經理', 'There must always be at least one office manager'),
  no_manager: L('确认后将没有任何经理，请先在表中保留一位经理', '確認後將沒有任何經理，請先在表中保留一位經理', 'Confirming would leave no manager; keep one manager in the tab first'),
  confirmed: L('已确认人员权限', '已確認人員權限', 'Roles confirmed'),
  lock_note: L('人员权限：只有管理处经理可以修改', '人員權限：只有管理處經理可以修改', 'Roles: only the office managers may edit'),
  alert_subject: L('【物业台账】人员权限表在台账之外被改动', '【物業台賬】人員權限表在台賬之外被改動', '[Estate Registers] The Roles tab was changed outside the add-on'),
  alert_body: L(
    '人员权限表（{tab}）有人直接在表格中改动过。在经理确认之前，表中新增的主管和经理权限不生效，也不能再调整权限。请核对该表，无误后在侧边栏或菜单中选择“确认人员权限”。',
    '人員權限表（{tab}）有人直接在表格中改動過。在經理確認之前，表中新增的主管和經理權限不生效，也不能再調整權限。請核對該表，無誤後在側邊欄或選單中選擇「確認人員權限」。',
    'Someone edited the Roles tab ({tab}) directly in the sheet. Until a manager confirms it, supervisor and manager roles added there have no effect and roles cannot be changed. Check the tab, then choose “Confirm roles”.',
  ),
};

const rolesOf = (r: Rec): string[] => (Array.isArray(r.roles) ? (r.roles as string[]).map(String) : []);
const emailOf = (r: Rec): string => String(r.email ?? '').trim().toLowerCase();

/** What grants rights: each person's email, roles and department, in a fixed order (names and stamps do not count). */
export function rolesFingerprint(records: Rec[]): string {
  const rows = records
    .filter((r) => emailOf(r))
    .map((r) => [emailOf(r), [...rolesOf(r)].sort(), String(r.department ?? '')])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha256Hex(JSON.stringify(rows));
}

export const managersOf = (records: Rec[]): string[] => records.filter((r) => rolesOf(r).includes('manager')).map(emailOf).filter(Boolean).sort();

export interface RolesSeal {
  /** False when the tab differs from what the add-on last wrote. */
  intact: boolean;
  /** True once the add-on has sealed the tab at least once. */
  sealed: boolean;
  /** The managers as the add-on last wrote them. */
  managers: string[];
  fingerprint: string;
}

export function readSeal(ports: Ports, records: Rec[]): RolesSeal {
  const stored = ports.store.get(FP_KEY);
  const fingerprint = rolesFingerprint(records);
  let managers: string[] = [];
  try {
    const raw = ports.store.get(MANAGERS_KEY);
    managers = raw ? (JSON.parse(raw) as string[]) : [];
  } catch {
    managers = [];
  }
  return { intact: stored === null || stored === fingerprint, sealed: stored !== null, managers, fingerprint };
}

/** Records the tab as the add-on wrote it; called after every add-on write to Roles (under the lock). */
export function seal(ports: Ports, records: Rec[]): string[] {
  ports.store.set(FP_KEY, rolesFingerprint(records));
  const managers = managersOf(records);
  ports.store.set(MANAGERS_KEY, JSON.stringify(managers));
  ports.store.remove(ALERTED_KEY);
  return managers;
}

/**
 * The roles someone really has while the tab is unconfirmed: supervisor and manager typed in by
 * hand count for nothing beyond a clerk's, except a manager the add-on itself last recorded.
 */
export function effectiveRoles(roles: RoleKey[], email: string, s: RolesSeal): RoleKey[] {
  if (s.intact) return roles;
  const out = new Set<RoleKey>();
  for (const r of roles) out.add(r === 'supervisor' || r === 'manager' ? 'clerk' : r);
  if (s.managers.includes(email)) out.add('manager');
  return [...out];
}

/** Tells the recorded managers once per unconfirmed change; mail trouble never stops the user's own action. */
export function alertManagers(ports: Ports, s: RolesSeal, lang: Lang, tab: string): void {
  if (s.intact || !s.managers.length || ports.store.get(ALERTED_KEY) === s.fingerprint) return;
  try {
    const text = ROLES_TEXT.alert_body[lang].replace('{tab}', tab);
    ports.mailer.send({ to: s.managers, subject: ROLES_TEXT.alert_subject[lang], text, html: `<p>${text.replace(/[<>&]/g, '')}</p>` });
    ports.store.set(ALERTED_KEY, s.fingerprint);
  } catch (e) {
    console.error(`roles alert not sent: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Roles as they count for mail: while the Roles tab holds changes typed in by hand, a supervisor or
 * manager typed there is sent nothing a clerk is not (as in every other check, see rolesGuard).
 */
export function trustedRoles(ports: Ports, roles: Rec[]): Rec[] {
  const seal = readSeal(ports, roles);
  if (seal.intact) return roles;
  return roles.map((r) => {
    const listed = (Array.isArray(r.roles) ? r.roles.map(String) : []).filter((x): x is RoleKey => (ROLE_KEYS as readonly string[]).includes(x));
    return { ...r, roles: effectiveRoles(listed, String(r.email ?? '').trim().toLowerCase(), seal) };
  });
}
