// The CLI's import and undo-import: the source sheet is copied into the workbook as a tab, and the add-on's own import runs on it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from './commands';
import { CliError, printJson, withBook } from './session';
import { loadWorkbook, WorkbookReadError } from './xlsx';
import { newSheetModel, type SheetModel, type Stored } from './host/model';
import { decodeCsv, parseCsv } from '../domain/csv';
import type { ImportReport } from '../app/import';
import type { Failure } from '../domain/types';

/** The source's sheet as the host holds sheets: an .xlsx sheet as read (formulas with their cached results), a CSV as text (UTF-8 or GBK). */
async function sourceSheet(file: string, sheet: string | undefined): Promise<{ model: SheetModel; sheet: string }> {
  if (!existsSync(file)) throw new CliError(`${file}: no such file`, 'not_found');
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') {
    const name = sheet ?? basename(file, extname(file));
    const model = newSheetModel(0, name);
    model.rows = parseCsv(decodeCsv(readFileSync(file))).map((r) => r.map((v) => (v === '' ? null : v)));
    return { model, sheet: name };
  }
  if (ext !== '.xlsx') throw new CliError(`${file}: the source must be an .xlsx or a .csv file`);
  let wb;
  try {
    wb = await loadWorkbook(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliError(e.message, 'invalid');
    throw e;
  }
  const sheets = wb.sheets.filter((s) => !s.hidden);
  const model = sheet === undefined ? sheets[0] : wb.sheets.find((s) => s.name === sheet);
  if (!model) throw new CliError(`${file}: no sheet named "${sheet}"; it has ${sheets.map((s) => s.name).join(', ')}`, 'invalid');
  return { model, sheet: model.name };
}

/** What previewImport and runImport return, or a refusal. */
type Report = ImportReport | Failure;

export const importCommand: Command = {
  args: "<book.xlsx> <source.xlsx|.csv> [--sheet NAME] [--register KEY] [--map 'source header=field,…'] [--year YYYY] [--dry-run] [--json]",
  about: 'import an old register; --dry-run shows what would happen and writes nothing; undo with undo-import',
  min: 2,
  needsBook: true,
  async run([path, file], flags) {
    const year = flags.year === undefined ? undefined : Number(flags.year);
    if (year !== undefined && !Number.isInteger(year)) throw new CliError(`--year ${flags.year} is not a year`);
    const src = await sourceSheet(file, flags.sheet);
    const r = (await withBook(path, { user: flags.as, now: flags.now, save: !flags.dryRun }, (host) => {
      const wb = host.workbook;
      // A tab name no office would use, so the copy never meets a tab of the workbook's own.
      let tab = `~导入源 ${src.sheet}`.slice(0, 90);
      while (wb.sheets.some((s) => s.name === tab)) tab += '~';
      const copy: SheetModel = { ...newSheetModel(wb.nextSheetId++, tab), rows: src.model.rows as Stored[][], styles: src.model.styles };
      copy.maxRows = Math.max(copy.maxRows, copy.rows.length);
      copy.maxColumns = Math.max(copy.maxColumns, ...copy.rows.map((row) => row?.length ?? 0));
      wb.sheets.push(copy);
      const request = { tab, register: flags.register, map: flags.map, year, source: basename(file), sheet: src.sheet };
      const reply = host.callFromClient(flags.dryRun ? 'previewImport' : 'runImport', [request]) as Report;
      wb.sheets = wb.sheets.filter((s) => s !== copy);
      wb.nextSheetId--;
      // Thrown inside the session, so a refused import leaves the file as it was.
      if (!reply || !reply.ok) {
        const detail = reply?.fieldErrors ? Object.values(reply.fieldErrors).filter((m) => m !== reply.message) : [];
        throw new CliError([reply?.message ?? 'import failed', ...detail].join('; '), reply?.code ?? 'error');
      }
      return reply;
    })) as ImportReport;
    if (flags.json) {
      printJson({
        register: r.register,
        headerRow: r.headerRow,
        mapping: r.mapping,
        unmapped: r.unmapped,
        imported: r.imported,
        duplicates: r.duplicates,
        rejected: r.rejected,
        rows: r.rows,
        skipped: r.skipped,
        batch: r.batch,
        dryRun: r.dryRun,
        problemsTab: r.problemsTab,
      });
      return 0;
    }
    const verb = r.dryRun ? 'would import' : 'imported';
    console.log(`${file}${src.sheet ? ` › ${src.sheet}` : ''} → ${r.register}: header on row ${r.headerRow}${r.headerRows > 1 ? ` (with row ${r.headerRow + 1})` : ''}`);
    for (const m of r.matches) console.log(`  ${m.source} → ${m.field ?? '(kept in its own column)'}${m.field ? ` (${Math.round(m.confidence * 100)}%)` : ''}`);
    console.log(`${r.rows} rows: ${verb} ${r.imported}, ${r.duplicates} already there, ${r.rejected.length} rejected; skipped ${r.skipped.blank} blank, ${r.skipped.totals} totals`);
    for (const x of r.rejected) console.log(`  row ${x.row}: ${Object.entries(x.reasons).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
    if (r.problemsTab && r.rejected.length) console.log(`rejected rows are in the tab ${r.problemsTab}: fix them there and import that tab again`);
    if (r.batch) console.log(`batch ${r.batch}: undo with estate-registers undo-import ${path} ${r.batch}`);
    return 0;
  },
};

export const undoImportCommand: Command = {
  args: '<book.xlsx> <batch> [--json]',
  about: "remove an import's rows, unless one was changed since (then nothing is removed)",
  min: 2,
  needsBook: true,
  async run([path, batch], flags) {
    const r = (await withBook(path, { user: flags.as, now: flags.now }, (host) => host.callFromClient('undoImport', [batch]))) as {
      ok: boolean;
      removed?: number;
      changed?: string[];
      message?: string;
      code?: string;
    };
    if (flags.json) printJson(r);
    else if (r.ok) console.log(`${batch}: removed ${r.removed} rows`);
    if (!r.ok) {
      if (flags.json) return 1;
      throw new CliError(r.message ?? 'undo failed', r.code ?? 'error');
    }
    return 0;
  },
};
