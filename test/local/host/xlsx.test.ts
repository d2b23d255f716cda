// The workbook survives a round trip through .xlsx: cells, formats, validation, conditional rules, protection, host state; bad files are refused untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createHost, newWorkbook } from '../../../src/local/host';
import { HOST_SHEET, WorkbookChangedError, WorkbookReadError, loadWorkbook, saveWorkbook } from '../../../src/local/xlsx';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const SETUP = `
  function setup() {
    var ss = SpreadsheetApp.getActive();
    var sh = ss.getSheets()[0];
    sh.setName('投诉');
    sh.getRange('A1:F1').setValues([['编号', '受理时间', '金额', '已处理', '公式', '文本']]).setFontWeight('bold').setBackground('#d9ead3');
    sh.getRange('A2:F2').setValues([['C-2026-0001', new Date(2026, 10, 2, 9, 30), 1234.5, true, '=SUM(C2:C3)', "'=1+1"]]);
    sh.getRange('B2:B100').setNumberFormat('yyyy-mm-dd hh:mm');
    sh.getRange('C2').setNumberFormat('#,##0.00');
    sh.getRange('G2').setValue(new Date(2026, 0, 5));
    sh.setFrozenRows(1);
    sh.setColumnWidth(2, 160);
    sh.getRange('D2:D50').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['minor', 'major'], true).setAllowInvalid(false).setHelpText('选择类别').build());
    sh.getRange('B2:B50').setDataValidation(SpreadsheetApp.newDataValidation().requireDate().build());
    sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$B2<TODAY()').setBackground('#f4cccc').setFontColor('#990000').setRanges([sh.getRange('A2:F100')]).build()]);
    var p = sh.getRange('A1:F1').protect().setDescription('表头'); p.addEditor('manager@estate.example');
    var sp = ss.insertSheet('值班记录').protect().setWarningOnly(true).setDescription('只可追加');
    ss.insertSheet('隐藏').hideSheet();
    PropertiesService.getDocumentProperties().setProperty('schema', '3');
    PropertiesService.getUserProperties().setProperty('lang', 'zh-Hans');
    ScriptApp.newTrigger('runOverdueScan').timeBased().everyHours(1).create();
    var folder = DriveApp.createFolder('物业通知');
    Drive.Files.create({ name: '整改通知', mimeType: 'application/vnd.google-apps.document', parents: [folder.getId()] }, Utilities.newBlob('<p>整改</p>', 'text/html'));
    MailApp.sendEmail('a@estate.example,b@estate.example', 's', 'b');
  }
  function read() {
    var ss = SpreadsheetApp.getActive();
    var sh = ss.getSheetByName('投诉');
    var r = sh.getRange('A1:G2');
    var dv = sh.getRange('D10').getDataValidation();
    var cf = sh.getConditionalFormatRules()[0];
    var rp = sh.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
    var sp = ss.getSheetByName('值班记录').getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    return {
      sheets: ss.getSheets().map(function (s) { return s.getName() + (s.isSheetHidden() ? ' (hidden)' : ''); }),
      values: r.getValues().map(function (row) { return row.map(function (c) { return c instanceof Date ? 'Date:' + c.getTime() : c; }); }),
      formulas: r.getFormulas()[1],
      display: r.getDisplayValues()[1],
      formats: r.getNumberFormats()[1],
      bold: sh.getRange('A1').getFontWeight(), background: sh.getRange('A1').getBackground(),
      frozen: sh.getFrozenRows(), width: sh.getColumnWidth(2), maxRows: sh.getMaxRows(),
      dv: [dv.getCriteriaType(), dv.getCriteriaValues()[0], dv.getAllowInvalid(), dv.getHelpText()],
      dateDv: sh.getRange('B50').getDataValidation().getCriteriaType(), noDv: sh.getRange('D51').getDataValidation(),
      cf: [cf.getBooleanCondition().getCriteriaValues()[0], cf.getBooleanCondition().getBackground(), cf.getBooleanCondition().getFontColor(), cf.getRanges()[0].getA1Notation()],
      rangeProtection: [rp.getRange().getA1Notation(), rp.getDescription(), rp.getEditors().map(function (u) { return u.getEmail(); })],
      sheetProtection: [sp.getDescription(), sp.isWarningOnly()],
      doc: PropertiesService.getDocumentProperties().getProperty('schema'),
      user: PropertiesService.getUserProperties().getProperty('lang'),
      triggers: ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }),
      folder: DriveApp.getFoldersByName('物业通知').next().getFiles().next().getName(),
      quota: MailApp.getRemainingDailyQuota(),
      sheetId: sh.getSheetId(), id: ss.getId(),
    };
  }`;

describe('xlsx round trip', () => {
  test('every feature written by Code.js reads back the same after save and load', async () => {
    const opts = { code: SETUP, user: 'owner@estate.example', now: '2026-11-02T10:00:00+08:00' };
    const first = createHost(opts);
    first.call('setup');
    const before = first.call('read');
    const file = path.join(dir, 'estate.xlsx');
    await saveWorkbook(first.workbook, file);
    const loaded = await loadWorkbook(file);
    const second = createHost({ ...opts, workbook: loaded });
    const after = second.call('read') as Record<string, unknown>;
    expect(after).toEqual(before);
    expect(after.values).toEqual([
      ['编号', '受理时间', '金额', '已处理', '公式', '文本', ''],
      ['C-2026-0001', `Date:${Date.parse('2026-11-02T09:30:00+08:00')}`, 1234.5, true, '#NAME?', '=1+1', `Date:${Date.parse('2026-01-05T00:00:00+08:00')}`],
    ]);
    expect(after.formulas).toEqual(['', '', '', '', '=SUM(C2:C3)', '', '']);
    expect(after.display).toEqual(['C-2026-0001', '2026-11-02 09:30', '1,234.50', 'TRUE', '#NAME?', '=1+1', '2026-01-05']);
    expect(after.sheets).toEqual(['投诉', '值班记录', '隐藏 (hidden)']);
    expect(after.formats).toEqual(['', 'yyyy-mm-dd hh:mm', '#,##0.00', '', '', '', '']);
    expect([after.bold, after.background, after.frozen, after.width, after.maxRows]).toEqual(['bold', '#d9ead3', 1, 160, 1000]);
    expect(after.dv).toEqual(['VALUE_IN_LIST', ['minor', 'major'], false, '选择类别']);
    expect([after.dateDv, after.noDv]).toEqual(['DATE_IS_VALID_DATE', null]);
    expect(after.cf).toEqual(['=$B2<TODAY()', '#f4cccc', '#990000', 'A2:F100']);
    expect(after.rangeProtection).toEqual(['A1:F1', '表头', ['owner@estate.example', 'manager@estate.example']]);
    expect(after.sheetProtection).toEqual(['只可追加', true]);
    expect([after.doc, after.user, after.triggers, after.folder]).toEqual(['3', 'zh-Hans', ['runOverdueScan'], '整改通知']);
    expect(after.quota).toBe(98);
    expect(after.id).toBe(first.workbook.id);
  });

  test('the host tab is veryHidden in the file and never shown to Code.js; dates are Excel wall-clock values', async () => {
    const h = createHost({ code: SETUP, user: 'owner@estate.example' });
    h.call('setup');
    const file = path.join(dir, 'estate.xlsx');
    await saveWorkbook(h.workbook, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet(HOST_SHEET)!.state).toBe('veryHidden');
    expect(book.getWorksheet('隐藏')!.state).toBe('hidden');
    const cell = book.getWorksheet('投诉')!.getCell('B2');
    expect(cell.value).toEqual(new Date(Date.UTC(2026, 10, 2, 9, 30)));
    expect(book.getWorksheet('投诉')!.getCell('E2').value).toMatchObject({ formula: 'SUM(C2:C3)' });
    expect(book.getWorksheet('投诉')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const loaded = createHost({ code: `function names() { return SpreadsheetApp.getActive().getSheets().map(function (s) { return s.getName(); }); }`, workbook: await loadWorkbook(file) });
    expect(loaded.call('names')).not.toContain(HOST_SHEET);
  });

  test('saving writes through a temporary file and leaves nothing else in the folder', async () => {
    const file = path.join(dir, 'book.xlsx');
    await saveWorkbook(newWorkbook(), file);
    const wb = await loadWorkbook(file);
    await saveWorkbook(wb, file);
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
  });
});

describe('refusing bad files', () => {
  test.each([
    ['not a zip', Buffer.from('hello, this is not a workbook')],
    ['empty', Buffer.alloc(0)],
    ['a zip that is not a workbook', Buffer.from('504b0506' + '00'.repeat(18), 'hex')],
  ])('%s: WorkbookReadError with a one-line message, file byte-for-byte unchanged', async (_name, bytes) => {
    const file = path.join(dir, 'x.xlsx');
    fs.writeFileSync(file, bytes);
    const mtime = fs.statSync(file).mtimeMs;
    const err = await loadWorkbook(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookReadError);
    expect((err as Error).message).toBe(`${file} is not a readable .xlsx workbook`);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir)).toEqual(['x.xlsx']);
  });

  test('a missing file is a WorkbookReadError too', async () => {
    await expect(loadWorkbook(path.join(dir, 'none.xlsx'))).rejects.toThrow(WorkbookReadError);
  });

  test('a workbook another program changed after it was opened is not overwritten', async () => {
    const file = path.join(dir, 'estate.xlsx');
    await saveWorkbook(newWorkbook(), file);
    const mine = await loadWorkbook(file);
    const theirs = await loadWorkbook(file);
    theirs.properties.document.by = 'them';
    await new Promise((r) => setTimeout(r, 20));
    await saveWorkbook(theirs, file);
    const saved = fs.readFileSync(file);
    mine.properties.document.by = 'me';
    const err = await saveWorkbook(mine, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookChangedError);
    expect((err as Error).message).toBe(`${file} was changed by another program after it was opened; nothing was saved. Run the command again.`);
    expect(fs.readFileSync(file).equals(saved)).toBe(true);
    expect((await loadWorkbook(file)).properties.document.by).toBe('them');
  });

  test('touching the file without changing it does not block saving', async () => {
    const file = path.join(dir, 'estate.xlsx');
    await saveWorkbook(newWorkbook(), file);
    const wb = await loadWorkbook(file);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    await expect(saveWorkbook(wb, file)).resolves.toBeUndefined();
  });
});

describe('a workbook made elsewhere (Excel) loads with sensible defaults', () => {
  test('values, a native list validation and frozen rows are read; the spreadsheet gets Google defaults', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Roles', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(['email', 'roles']);
    ws.addRow(['li@estate.example', 'clerk']);
    ws.getCell('B2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"clerk,manager"'], showErrorMessage: true };
    const file = path.join(dir, 'excel.xlsx');
    await book.xlsx.writeFile(file);
    const h = createHost({
      code: `function go() { var sh = SpreadsheetApp.getActiveSheet(); return [sh.getName(), sh.getDataRange().getValues(), sh.getFrozenRows(), sh.getRange('B2').getDataValidation().getCriteriaValues()[0], sh.getMaxRows(), SpreadsheetApp.getActive().getSpreadsheetTimeZone()]; }`,
      workbook: await loadWorkbook(file),
    });
    expect(h.call('go')).toEqual(['Roles', [['email', 'roles'], ['li@estate.example', 'clerk']], 1, ['clerk', 'manager'], 1000, 'Asia/Shanghai']);
  });
});

describe('text XML cannot hold', () => {
  const TEXTS = ['a\uFFFFb', '\uFFFE', 'bell\u0007', 'x\uD83D', '\uDE00x', '😀', '_x0041_', '_x0041_x0042_', 'ab_x0041\uFFFF', '_x005F_', '_x00e9_', 'tab\tlf\ncr\r'];

  it('saves cells and properties holding such text, and reads every one back unchanged', async () => {
    const wb = newWorkbook();
    wb.sheets[0].rows = TEXTS.map((t) => [t]);
    wb.properties.document.note = TEXTS.join('|');
    const file = path.join(dir, 'odd.xlsx');
    await saveWorkbook(wb, file);
    const back = await loadWorkbook(file);
    expect(back.sheets[0].rows.map((r) => r?.[0])).toEqual(TEXTS);
    expect(back.properties.document.note).toBe(TEXTS.join('|'));
  });
});
