// The workbook as one execution sees it: settings, roles and registers, each read in one batch and cached.
import type { CellWrite, Ports } from '../ports';
import { REGISTERS, RegisterKey, RegisterDef } from '../domain/registers';
import { DEFAULT_SETTINGS, parseSettings, Settings } from '../domain/settings';
import { findTab, Layout, layoutOf, recordToRow, rowToRecord } from '../domain/table';
import { WORDING_EDITORS, WORDING_LOCK_NOTE, WORDING_TAB } from '../domain/overrides';
import { computeOverdue, ruleLabel, unitKey } from '../domain/deadlines';
import { carry, fingerprint, hashedFields, ROW_HASH } from '../domain/fingerprint';
import { alertManagers, effectiveRoles, readSeal, RolesSeal, ROLES_TEXT, seal } from './rolesGuard';
import { Actor, Cell, L, L10n, Lang, LANGS, Rec, RoleKey, ROLE_KEYS } from '../domain/types';

/** Tabs that are not registers. */
export const TABS = {
  settings: { key: 'settings', label: L('设置', '設定', 'Settings') },
  notices: { key: 'notices', label: L('文书记录', '文書記錄', 'Notices') },
  stats: { key: 'stats', label: L('投诉统计', '投訴統計', 'Complaint statistics') },
  monthly: { key: 'monthly_stats', label: L('投诉月统计', '投訴月統計', 'Monthly complaint statistics') },
  archive: { key: 'duty_archive', label: L('值班记录归档', '值班記錄歸檔', 'Duty log archive') },
  ledger: { key: '_reminders', label: L('_提醒记录', '_提醒記錄', '_reminders') },
} as const satisfies Record<string, { key: string; label: L10n }>;

export interface Loaded {
  def: RegisterDef;
  tab: string;
  layout: Layout;
  rows: Cell[][];
  records: Rec[];
}

/** How far ahead a due time is shown (the amber rows): the hourly scan's horizon. */
export const DUE_HORIZON_MS = 86_400_000;

/** Equal as Sheets holds them: Dates by their time. */
export const sameCell = (a: unknown, b: unknown): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** The columns the register owns, in sheet order. */
const ownedColumns = (loaded: Loaded): number[] => Object.values(loaded.layout.col).sort((a, b) => a - b);

/** Adjacent column indexes as [first, count] runs, so each run is one write. */
function runsOf(cols: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else runs.push([c, 1]);
  }
  return runs;
}

export class Book {
  private tabNames: string[] | null = null;
  private cache = new Map<string, Loaded>();
  private settingsCache: Settings | null = null;

  constructor(readonly ports: Ports, readonly now: Date = ports.clock.now()) {}

  names(): string[] {
    return (this.tabNames ??= this.ports.tables.names());
  }

  /** A tab this execution just created, without listing every tab again. */
  addName(tab: string): void {
    if (this.tabNames) this.tabNames.push(tab);
    else this.found.clear();
  }

  forgetNames(): void {
    this.tabNames = null;
    this.found.clear();
  }

  private found = new Map<string, string | null>();

  /**
   * A tab by its label in any office language (the office language first). Asking by name keeps
   * the number of calls fixed however many tabs there are; setup, which lists every tab, also
   * accepts names that differ only in case or spacing.
   */
  tabOf(key: string, label: L10n): string | null {
    if (this.tabNames) return findTab(this.tabNames, key, label);
    if (!this.found.has(key)) {
      const lang = this.settingsCache?.lang ?? 'zh-Hans';
      // The office language's name first, the others only if it is not there: asking for another
      // language's text reads it from a file (scripts/texts.cjs), which most runs need not do.
      const found = this.ports.tables.find([label[lang]]) ?? this.ports.tables.find([...new Set([...LANGS.map((l) => label[l]), key])]);
      this.found.set(key, found);
    }
    return this.found.get(key) ?? null;
  }

  registerTab(key: RegisterKey): string | null {
    return this.tabOf(key, REGISTERS[key].label);
  }

  /** True once setupWorkbook has created the Settings tab. */
  isSetUp(): boolean {
    return this.tabOf(TABS.settings.key, TABS.settings.label) !== null;
  }

  settings(): Settings {
    if (this.settingsCache) return this.settingsCache;
    const tab = this.tabOf(TABS.settings.key, TABS.settings.label);
    const grid = tab ? this.ports.tables.read(tab) : null;
    const pairs = (grid?.rows ?? []).map((r) => [String(r[0]), r[1]] as [string, unknown]);
    this.settingsCache = grid ? parseSettings(pairs).settings : { ...DEFAULT_SETTINGS, timezone: this.ports.identity.timeZone() };
    return this.settingsCache;
  }

  get lang(): Lang {
    return this.settings().lang;
  }

  get tz(): string {
    return this.settings().timezone;
  }

  /** A register read in one call (cached for this execution); null when its tab is missing. */
  load(key: RegisterKey): Loaded | null {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = REGISTERS[key];
    const tab = this.registerTab(key);
    const grid = tab ? this.ports.tables.read(tab) : null;
    if (!tab || !grid) return null;
    const layout = layoutOf(def, grid.headers);
    const records = grid.rows.map((r) => rowToRecord(layout, r, this.tz));
    const loaded = { def, tab, layout, rows: grid.rows, records };
    this.cache.set(key, loaded);
    return loaded;
  }

  /**
   * The record with the due time the hourly scan would give it (its next deadline when overdue or
   * due within a day, else blank), so a new or acted-on row is coloured from this write on and the
   * scan finds nothing to change. Registers without a due column are left as they are. Sets them
   * on the record itself too, so what the caller returns to the sidebar carries them.
   */
  withDue(loaded: Loaded, rec: Rec): Rec {
    const key = loaded.def.key;
    if (loaded.layout.col.due_at === undefined || loaded.layout.col.due_rule === undefined || !rec.id) return rec;
    // A household's visits and calls count from its care log.
    const care = key === 'households' ? this.load('care_log')?.records ?? [] : [];
    // A resident's screening is closed by a key-household record for the unit.
    const households = key === 'residents' ? this.load('households')?.records ?? [] : undefined;
    const { soon } = computeOverdue({ now: this.now, settings: this.settings(), data: { households, [key]: [rec], care_log: care }, horizonMs: DUE_HORIZON_MS });
    const next = soon.filter((i) => i.register === key && i.id === String(rec.id)).sort((a, b) => a.due.getTime() - b.due.getTime())[0];
    return Object.assign(rec, { due_at: next ? next.due : null, due_rule: next ? ruleLabel(key, next.rule, this.lang) : null });
  }

  /** Rewrites one record's row in place (one call) and keeps the cache in step. */
  writeRecord(loaded: Loaded, index: number, saved: Rec): void {
    const rec = this.withDue(loaded, saved);
    const row = recordToRow(loaded.layout, rec, this.lang, this.tz, loaded.rows[index]);
    // Only the add-on's own columns: the office's columns may hold formulas, read here as their
    // results (writing them back would flatten them) or as text that would become a formula.
    for (const [first, count] of runsOf(ownedColumns(loaded))) this.ports.tables.write(loaded.tab, index, [row.slice(first, first + count)], first);
    loaded.rows[index] = row;
    loaded.records[index] = rowToRecord(loaded.layout, row, this.tz);
  }

  /**
   * Writes only the cells of these fields that differ from what was read (few calls: see
   * Tables.writeCells), so a cell someone typed into during the run, even in the same row, stays.
   */
  writeChanges(loaded: Loaded, keys: string[], changes: { index: number; rec: Rec }[]): number {
    const cols = keys.filter((k) => k !== ROW_HASH).map((k) => loaded.layout.col[k]).filter((c): c is number => c !== undefined);
    const writes: CellWrite[] = [];
    for (const { index, rec } of changes) {
      const before = loaded.rows[index];
      const wanted = recordToRow(loaded.layout, rec, this.lang, this.tz, before);
      const row = [...before];
      for (const c of cols) {
        if (sameCell(before[c] ?? '', wanted[c])) continue;
        writes.push({ row: index, col: c, value: wanted[c] });
        row[c] = wanted[c];
      }
      // The fingerprint follows the cells written, from the row as it now stands (the cells not
      // written stay as read); writes of due times alone leave it as it is.
      const h = loaded.layout.col[ROW_HASH];
      if (h !== undefined && keys.some((k) => k === ROW_HASH || hashedFields(loaded.def).some((f) => f.key === k))) {
        const fp = carry(before[h]) + fingerprint(loaded.def, loaded.layout.col, row);
        if (fp !== String(before[h] ?? '')) writes.push({ row: index, col: h, value: (row[h] = fp) });
      }
      loaded.rows[index] = row;
      loaded.records[index] = rowToRecord(loaded.layout, row, this.tz);
    }
    this.ports.tables.writeCells(loaded.tab, writes);
    return writes.length;
  }

  /** Appends records under the last row (one call). */
  appendRecords(loaded: Loaded, recs: Rec[]): void {
    if (!recs.length) return;
    const rows = recs.map((r) => recordToRow(loaded.layout, this.withDue(loaded, r), this.lang, this.tz));
    this.ports.tables.append(loaded.tab, rows);
    loaded.rows.push(...rows);
    loaded.records.push(...rows.map((r) => rowToRecord(loaded.layout, r, this.tz)));
    if (loaded.def.key === 'care_log') this.refreshDue('households', (h) => recs.some((r) => String(r.household_id ?? '') === String(h.id)));
    // A key household for a unit closes its residents' screening.
    if (loaded.def.key === 'households') this.refreshDue('residents', (p) => recs.some((r) => unitKey(r.unit) === unitKey(p.unit)));
  }

  /** A visit or call moves its household's next due (a new key household, its unit's residents'): that row's colour follows in the same run. */
  private refreshDue(key: RegisterKey, hit: (rec: Rec) => boolean): void {
    const loaded = this.load(key);
    if (!loaded) return;
    const changes = loaded.records
      .map((rec, index) => ({ rec, index }))
      .filter(({ rec }) => rec.id && hit(rec))
      .map(({ rec, index }) => ({ index, rec: this.withDue(loaded, { ...rec }) }));
    if (changes.length) this.writeChanges(loaded, ['due_at', 'due_rule'], changes);
  }

  /** Deletes these data rows (ascending indexes) bottom-up, a run of adjacent rows per call, so the indexes above stay right. */
  deleteRows(tab: string, rows: readonly number[]): void {
    for (let k = rows.length - 1; k >= 0; ) {
      let from = rows[k];
      let count = 1;
      while (k - count >= 0 && rows[k - count] === from - 1) {
        from--;
        count++;
      }
      this.ports.tables.deleteRows(tab, from, count);
      k -= count;
    }
    this.cache.clear();
  }

  private sealCache: RolesSeal | null = null;

  /** Whether the Roles tab is as the add-on last wrote it (read once per execution). */
  rolesSeal(): RolesSeal {
    return (this.sealCache ??= readSeal(this.ports, this.load('roles')?.records ?? []));
  }

  /** After an add-on write to Roles: the seal moves on, and the tab stays locked to the managers. */
  sealRoles(): void {
    const loaded = this.load('roles');
    if (!loaded) return;
    const managers = seal(this.ports, loaded.records);
    this.sealCache = null;
    this.ports.tables.lockTo(loaded.tab, managers, ROLES_TEXT.lock_note[this.lang]);
    // Whoever may word the notices follows Roles: the 文书模板 tab is relocked with every change to it.
    const wording = this.tabOf(WORDING_TAB.key, WORDING_TAB.label);
    const editors = loaded.records.filter((r) => Array.isArray(r.roles) && r.roles.some((x) => WORDING_EDITORS.includes(String(x)))).map((r) => String(r.email ?? '').trim().toLowerCase()).filter(Boolean);
    if (wording) this.ports.tables.lockTo(wording, editors, WORDING_LOCK_NOTE[this.lang]);
  }

  /**
   * The acting user as the Roles tab knows them; no roles when they are not listed. While the tab
   * holds changes made outside the add-on, roles typed in there raise nobody (see rolesGuard).
   */
  actor(): Actor {
    const email = this.ports.identity.email().toLowerCase();
    const roles = this.load('roles');
    const rec = roles?.records.find((r) => String(r.email ?? '').toLowerCase() === email && email !== '');
    const list = Array.isArray(rec?.roles) ? rec!.roles : [];
    const listed = list.filter((r): r is RoleKey => (ROLE_KEYS as readonly string[]).includes(r));
    const s = roles ? this.rolesSeal() : null;
    if (s && roles && !s.intact) alertManagers(this.ports, s, this.lang, roles.tab);
    return {
      email,
      name: String(rec?.name ?? '') || email,
      roles: s ? effectiveRoles(listed, email, s) : listed,
      department: String(rec?.department ?? ''),
    };
  }
}
