// The 导入旧台账 panel: a tab of this workbook or an uploaded .xlsx/.csv; see what would happen, then import, continue or undo.
import { call, errorText } from './bridge';
import { el, replace, uid } from './dom';
import { failureMessage } from './forms';
import type { Failure, RegistersInfo } from './contract';
import type { ImportReport } from '../app/import';
import { IMPORTABLE } from '../domain/import';
import { readSourceFile, SourceFileError, type SourceSheet } from './sourceFile';

/** Rows per stageImport call, as the server takes them (STAGE_PART in src/app/import.ts). */
const PART = 2000;

/**
 * The panel's own words. They live here, not in the server's UI_TEXT, because only the sidebar
 * shows them and dist/Code.js (which carries UI_TEXT) is at its size budget.
 */
const WORDS: Record<string, Record<string, string>> = {
  'zh-Hans': {
    title: '导入旧台账',
    hint: '上传旧台账的 Excel（.xlsx）或 CSV 文件，或者填上本表格中旧台账所在的工作表。先预览，确认无误再导入；原来的内容不会改动。',
    file: '上传文件（.xlsx 或 .csv）',
    sheet: '文件中的工作表',
    tab: '或：本表格中旧台账所在的工作表',
    reading: '正在读取文件…',
    uploading: '正在上传 {done}/{total} 行…',
    bad_file: '只能导入 .xlsx 或 .csv 文件；旧的 .xls 请先在 Excel 里另存为 .xlsx。',
    empty_file: '文件里没有可以导入的工作表。',
    need_source: '请上传文件，或填上工作表名称。',
    more: '还有 {n} 行未导入：这次运行的时间到了。点“继续导入”接着导入，已导入的行不会重复。',
    continue: '继续导入',
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
    hint: '上傳舊台賬的 Excel（.xlsx）或 CSV 檔案，或者填上本試算表中舊台賬所在的工作表。先預覽，確認無誤再匯入；原來的內容不會改動。',
    file: '上傳檔案（.xlsx 或 .csv）',
    sheet: '檔案中的工作表',
    tab: '或：本試算表中舊台賬所在的工作表',
    reading: '正在讀取檔案…',
    uploading: '正在上傳 {done}/{total} 行…',
    bad_file: '只能匯入 .xlsx 或 .csv 檔案；舊的 .xls 請先在 Excel 裡另存為 .xlsx。',
    empty_file: '檔案裡沒有可以匯入的工作表。',
    need_source: '請上傳檔案，或填上工作表名稱。',
    more: '還有 {n} 行未匯入：這次執行的時間到了。按「繼續匯入」接著匯入，已匯入的行不會重複。',
    continue: '繼續匯入',
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
    hint: 'Upload the old register as an Excel (.xlsx) or CSV file, or name the tab of this workbook that holds it. Preview first, then import; the original is not changed.',
    file: 'Upload a file (.xlsx or .csv)',
    sheet: 'Sheet in the file',
    tab: 'Or: the tab of this workbook holding it',
    reading: 'Reading the file…',
    uploading: 'Uploading rows {done}/{total}…',
    bad_file: 'Only .xlsx and .csv files can be imported; save an old .xls as .xlsx in Excel first.',
    empty_file: 'The file has no sheet to import.',
    need_source: 'Upload a file or name a tab.',
    more: '{n} rows are not imported yet: this run’s time is up. Press “Continue” to go on; rows already imported are not added twice.',
    continue: 'Continue',
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


/** What previewImport and runImport return: the server's own type. */
type Report = ImportReport;

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
  const file = el('input', { type: 'file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv', 'data-testid': 'import-file' });
  const sheet = el('select', { 'data-testid': 'import-sheet' });
  const sheetField = field(w.sheet, sheet);
  sheetField.hidden = true;
  const tab = el('input', { type: 'text', 'data-testid': 'import-tab', autocomplete: 'off' });
  const registers = info.registers.filter((r) => (IMPORTABLE as readonly string[]).includes(r.key));
  const register = el('select', { 'data-testid': 'import-register' }, el('option', { value: '' }, w.auto), ...registers.map((r) => el('option', { value: r.key }, r.label)));
  const year = el('input', { type: 'number', min: '1901', max: '2100', 'data-testid': 'import-year' });
  const preview = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-preview' }, w.preview);
  const status = el('p', { class: 'message', role: 'alert', 'data-testid': 'import-message' });
  const out = el('div', { 'data-testid': 'import-preview-out' });

  // The file is read once; each of its sheets is copied to the workbook once, when first previewed.
  let sheets: SourceSheet[] = [];
  const staged = new Map<string, string>();
  file.addEventListener('change', () => {
    sheets = [];
    staged.clear();
    replace(out);
    sheetField.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.textContent = w.reading;
    readSourceFile(chosen).then(
      (read) => {
        sheets = read;
        status.textContent = '';
        replace(sheet, ...read.map((x, i) => el('option', { value: String(i) }, x.name)));
        sheetField.hidden = read.length < 2;
      },
      (e: unknown) => (status.textContent = e instanceof SourceFileError ? (e.message === 'empty' ? w.empty_file : w.bad_file) : errorText(e)),
    );
  });

  /** Copies the chosen sheet into the workbook in parts; its tab's name, or null when it failed (said in status). */
  const stage = async (): Promise<{ tab: string; source?: string; sheet?: string } | null> => {
    const chosen = file.files?.[0];
    if (!chosen || !sheets.length) {
      if (tab.value.trim()) return { tab: tab.value.trim() };
      status.textContent = w.need_source;
      return null;
    }
    const src = sheets[Number(sheet.value) || 0];
    const key = `${chosen.name}|${chosen.size}|${chosen.lastModified}|${src.name}`;
    const request = (t: string) => ({ tab: t, source: chosen.name, sheet: src.name });
    if (staged.has(key)) return request(staged.get(key)!);
    let at = '';
    for (let offset = 0; offset === 0 || offset < src.rows.length; offset += PART) {
      status.textContent = say('uploading', { done: Math.min(offset + PART, src.rows.length), total: src.rows.length });
      const reply = await call<{ ok: true; tab: string } | Failure>('stageImport', { name: chosen.name, sheet: src.name, offset, rows: src.rows.slice(offset, offset + PART) });
      if (!reply.ok) {
        status.textContent = failureMessage(reply, info.text);
        return null;
      }
      at = reply.tab;
    }
    status.textContent = '';
    staged.set(key, at);
    return request(at);
  };
  const request = async () => {
    const source = await stage();
    return source && { ...source, register: register.value || undefined, year: year.value ? Number(year.value) : undefined };
  };
  const labelOf = (reg: string, key: string | null) => registers.find((r) => r.key === reg)?.fields.find((f) => f.key === key)?.label ?? key ?? '';

  const run = async (entry: string, args: () => Promise<unknown[] | null>, busy: HTMLButtonElement, then: (r: never) => void) => {
    busy.disabled = true;
    status.textContent = '';
    try {
      const given = await args();
      if (!given) return;
      const reply = await call<Report | Failure>(entry, ...given);
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

  /** After a run: what it did, where the rejects are, undo, and "continue" when the time budget cut it short. */
  const finished = (given: Record<string, unknown>) => (done: Report) => {
    // A complete run removes the file's copy from the workbook, so the next preview copies it again.
    if (!done.remaining) staged.clear();
    const undo = el('button', { type: 'button', 'data-testid': 'import-undo' }, w.undo);
    undo.addEventListener('click', () => void run('undoImport', async () => [done.batch], undo, (u: { removed: number }) => replace(out, el('p', { class: 'result' }, say('undone', { removed: u.removed })))));
    const more = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-continue' }, w.continue);
    more.addEventListener('click', () => void run('runImport', async () => [given], more, finished(given)));
    replace(
      out,
      ...report(done, true),
      done.remaining ? el('p', { class: 'message', 'data-testid': 'import-more' }, say('more', { n: done.remaining })) : null,
      done.problemsTab && done.rejected.length ? el('p', { class: 'hint' }, say('problems', { tab: done.problemsTab })) : null,
      el('div', { class: 'buttons' }, done.remaining ? more : null, done.batch ? undo : null),
    );
  };

  preview.addEventListener('click', () => {
    let given: Record<string, unknown> | null = null;
    const args = async () => ((given = await request()) ? [given] : null);
    void run('previewImport', args, preview, (r: Report) => {
      const go = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-run' }, w.run);
      go.disabled = r.imported === 0 && r.rejected.length === 0;
      const confirmed = { ...given, register: r.register };
      go.addEventListener('click', () => void run('runImport', async () => [confirmed], go, finished(confirmed)));
      replace(out, ...report(r, false), el('div', { class: 'buttons' }, go));
    });
  });

  return el('section', { class: 'panel import', 'data-testid': 'import-panel' }, el('h2', {}, w.title), el('p', { class: 'hint' }, w.hint), field(w.file, file), sheetField, field(w.tab, tab), field(w.register, register), field(w.year, year), el('div', { class: 'buttons' }, preview), status, out);
}
