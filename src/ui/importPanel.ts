// The 导入旧台账 panel: name the tab the old register was pasted into, see what would happen, then import or undo.
import { call, errorText } from './bridge';
import { el, replace, uid } from './dom';
import { failureMessage } from './forms';
import type { Failure, RegistersInfo } from './contract';

/**
 * The panel's own words. They live here, not in the server's UI_TEXT, because only the sidebar
 * shows them and dist/Code.js (which carries UI_TEXT) is at its size budget.
 */
const WORDS: Record<string, Record<string, string>> = {
  'zh-Hans': {
    title: '导入旧台账',
    hint: '把旧台账整页复制到本表格的一个新工作表，在这里填上工作表名称。先预览，确认无误再导入；不会改动原来的工作表。',
    tab: '旧台账所在的工作表',
    register: '导入到',
    auto: '自动识别',
    year: '只写了月日的日期按哪一年（可不填）',
    preview: '预览',
    run: '确认导入',
    undo: '撤销这次导入',
    header: '表头在第 {row} 行{two}，认作“{register}”',
    two: '（两行表头）',
    kept: '保留为单独一列',
    counts: '共 {rows} 行数据：将导入 {imported} 行，已导入过 {duplicates} 行，有问题 {rejected} 行（另有空行 {blank}、合计行 {totals}）',
    row: '第 {row} 行',
    done: '已导入 {imported} 行，批次 {batch}；已导入过 {duplicates} 行；有问题 {rejected} 行',
    problems: '有问题的行连同原来的内容已放在“{tab}”工作表：在那里改好后，把“{tab}”再导入一次。',
    undone: '已撤销，删除了 {removed} 行',
  },
  'zh-Hant': {
    title: '匯入舊台賬',
    hint: '把舊台賬整頁複製到本試算表的一個新工作表，在這裡填上工作表名稱。先預覽，確認無誤再匯入；不會改動原來的工作表。',
    tab: '舊台賬所在的工作表',
    register: '匯入到',
    auto: '自動識別',
    year: '只寫了月日的日期按哪一年（可不填）',
    preview: '預覽',
    run: '確認匯入',
    undo: '撤銷這次匯入',
    header: '表頭在第 {row} 行{two}，認作「{register}」',
    two: '（兩行表頭）',
    kept: '保留為單獨一欄',
    counts: '共 {rows} 行資料：將匯入 {imported} 行，已匯入過 {duplicates} 行，有問題 {rejected} 行（另有空行 {blank}、合計行 {totals}）',
    row: '第 {row} 行',
    done: '已匯入 {imported} 行，批次 {batch}；已匯入過 {duplicates} 行；有問題 {rejected} 行',
    problems: '有問題的行連同原來的內容已放在「{tab}」工作表：在那裡改好後，把「{tab}」再匯入一次。',
    undone: '已撤銷，刪除了 {removed} 行',
  },
  en: {
    title: 'Import an old register',
    hint: 'Paste the old register into a new tab of this workbook and give the tab’s name here. Preview first, then import; the tab itself is not changed.',
    tab: 'Tab holding the old register',
    register: 'Import into',
    auto: 'Detect',
    year: 'Year for dates typed without one (optional)',
    preview: 'Preview',
    run: 'Import',
    undo: 'Undo this import',
    header: 'Headers on row {row}{two}; read as “{register}”',
    two: ' (two header rows)',
    kept: 'kept in a column of its own',
    counts: '{rows} data rows: {imported} to import, {duplicates} already imported, {rejected} with problems ({blank} blank, {totals} totals rows)',
    row: 'Row {row}',
    done: 'Imported {imported} rows as batch {batch}; {duplicates} already imported; {rejected} with problems',
    problems: 'Rows with problems are in the tab “{tab}” with their original values: fix them there, then import “{tab}”.',
    undone: 'Undone: {removed} rows removed',
  },
};

/** Registers an old workbook can be imported into (the server checks too). */
const IMPORTABLE = ['complaints', 'violations', 'requests', 'households', 'care_log', 'passes', 'duty_log'];

interface Report {
  ok: true;
  batch: string | null;
  register: string;
  headerRow: number;
  headerRows: number;
  matches: { source: string; field: string | null; confidence: number }[];
  rows: number;
  imported: number;
  duplicates: number;
  rejected: { row: number; reasons: Record<string, string> }[];
  skipped: { blank: number; totals: number };
  problemsTab: string | null;
}

export const importWords = (lang: string): Record<string, string> => WORDS[lang] ?? WORDS['zh-Hans'];

/** Only supervisors and the manager import; the server refuses anyone else as well. */
export const canImport = (info: RegistersInfo): boolean => info.user.roles.some((r) => r === 'supervisor' || r === 'manager');

export function importPanel(info: RegistersInfo): HTMLElement {
  const w = importWords(info.lang);
  const say = (key: string, p: Record<string, string | number> = {}) => (w[key] ?? key).replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m));
  const field = (label: string, control: HTMLElement) => {
    const id = uid('imp');
    control.id = id;
    return el('div', { class: 'field' }, el('label', { class: 'label', for: id }, label), control);
  };
  const tab = el('input', { type: 'text', 'data-testid': 'import-tab', autocomplete: 'off' });
  const registers = info.registers.filter((r) => IMPORTABLE.includes(r.key));
  const register = el('select', { 'data-testid': 'import-register' }, el('option', { value: '' }, w.auto), ...registers.map((r) => el('option', { value: r.key }, r.label)));
  const year = el('input', { type: 'number', min: '1901', max: '2100', 'data-testid': 'import-year' });
  const preview = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-preview' }, w.preview);
  const status = el('p', { class: 'message', role: 'alert', 'data-testid': 'import-message' });
  const out = el('div', { 'data-testid': 'import-preview-out' });

  const request = () => ({ tab: tab.value.trim(), register: register.value || undefined, year: year.value ? Number(year.value) : undefined });
  const labelOf = (reg: string, key: string | null) => registers.find((r) => r.key === reg)?.fields.find((f) => f.key === key)?.label ?? key ?? '';

  const run = async (entry: string, args: unknown[], busy: HTMLButtonElement, then: (r: never) => void) => {
    busy.disabled = true;
    status.textContent = '';
    try {
      const reply = await call<Report | Failure>(entry, ...args);
      if (!reply.ok) {
        const more = Object.values(reply.fieldErrors ?? {}).filter((m) => m !== reply.message);
        status.textContent = [failureMessage(reply, info.text), ...more].join(' ');
      } else then(reply as never);
    } catch (e) {
      status.textContent = errorText(e);
    } finally {
      busy.disabled = false;
    }
  };

  const report = (r: Report, done: boolean): (HTMLElement | null)[] => {
    const regLabel = registers.find((x) => x.key === r.register)?.label ?? r.register;
    const counts = { rows: r.rows, imported: r.imported, duplicates: r.duplicates, rejected: r.rejected.length, blank: r.skipped.blank, totals: r.skipped.totals, batch: r.batch ?? '' };
    return [
      el('p', { class: 'hint' }, say('header', { row: r.headerRow, two: r.headerRows > 1 ? w.two : '', register: regLabel })),
      el(
        'ul',
        { class: 'records', 'data-testid': 'import-matches' },
        ...r.matches.map((m) =>
          el('li', { class: 'record' }, el('div', { class: 'head' }, el('strong', {}, m.source), el('span', {}, '→'), el('span', {}, m.field ? labelOf(r.register, m.field) : w.kept), m.field ? el('span', { class: 'time' }, `${Math.round(m.confidence * 100)}%`) : null)),
        ),
      ),
      el('p', { class: done ? 'result' : 'hint', 'data-testid': 'import-counts' }, say(done ? 'done' : 'counts', counts)),
      r.rejected.length
        ? el(
            'ul',
            { class: 'records', 'data-testid': 'import-rejected' },
            ...r.rejected.map((x) =>
              el('li', { class: 'record tone-red' }, el('div', { class: 'head' }, el('strong', {}, say('row', { row: x.row }))), ...Object.entries(x.reasons).map(([k, v]) => el('div', { class: 'title' }, `${labelOf(r.register, k)}：${v}`))),
            ),
          )
        : null,
    ];
  };

  preview.addEventListener('click', () =>
    void run('previewImport', [request()], preview, (r: Report) => {
      const go = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-run' }, w.run);
      go.disabled = r.imported === 0 && r.rejected.length === 0;
      go.addEventListener('click', () =>
        void run('runImport', [{ ...request(), register: r.register }], go, (done: Report) => {
          const undo = el('button', { type: 'button', 'data-testid': 'import-undo' }, w.undo);
          undo.addEventListener('click', () => void run('undoImport', [done.batch], undo, (u: { removed: number }) => replace(out, el('p', { class: 'result' }, say('undone', { removed: u.removed })))));
          replace(out, ...report(done, true), done.problemsTab && done.rejected.length ? el('p', { class: 'hint' }, say('problems', { tab: done.problemsTab })) : null, done.batch ? el('div', { class: 'buttons' }, undo) : null);
        }),
      );
      replace(out, ...report(r, false), el('div', { class: 'buttons' }, go));
    }),
  );

  return el('section', { class: 'panel import', 'data-testid': 'import-panel' }, el('h2', {}, w.title), el('p', { class: 'hint' }, w.hint), field(w.tab, tab), field(w.register, register), field(w.year, year), el('div', { class: 'buttons' }, preview), status, out);
}
