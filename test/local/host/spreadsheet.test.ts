// The SpreadsheetApp fakes behave like Google's: value types, blanks, shapes, formulas, text, wall-clock dates, bounds, protection.
import { createHost, newWorkbook, type HostOptions } from '../../../src/local/host';

const host = (code: string, opts: HostOptions = {}) => createHost({ code, user: 'clerk@estate.example', ...opts });

describe('Range.getValues / setValues', () => {
  test('returns a rectangular array of Number/Boolean/Date/String with "" for blanks, also past the last row', () => {
    const h = host(`
      function write() {
        var sh = SpreadsheetApp.getActive().getSheets()[0];
        sh.getRange(1, 1, 2, 4).setValues([[1.5, true, new Date(2026, 10, 2, 9, 30), 'text'], ['', null, undefined, 'x']]);
      }
      function read() {
        var v = SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 4, 4).getValues();
        return v.map(function (row) { return row.map(function (c) {
          return c instanceof Date ? 'Date:' + c.getTime() : (typeof c) + ':' + String(c);
        }); });
      }
      function isVmArray() { var v = SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 2, 2).getValues(); return v instanceof Array && v[0] instanceof Array; }
    `);
    h.call('write');
    expect(h.call('read')).toEqual([
      ['number:1.5', 'boolean:true', `Date:${Date.parse('2026-11-02T09:30:00+08:00')}`, 'string:text'],
      ['string:', 'string:', 'string:', 'string:x'],
      ['string:', 'string:', 'string:', 'string:'],
      ['string:', 'string:', 'string:', 'string:'],
    ]);
    expect(h.call('isVmArray')).toBe(true);
  });

  test.each([
    [2, 3, 'setValues([[1],[2]])', 'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.'],
    [1, 3, "setValues([[1, 2]])", 'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.'],
  ])('a wrong shape throws Google\'s message (%i x %i)', (_r, _c, call, message) => {
    const rows = call.startsWith('setValues([[1],') ? 3 : 1;
    const h = host(`function go() { SpreadsheetApp.getActiveSheet().getRange(1, 1, ${rows}, ${rows === 3 ? 1 : 3}).${call}; }
      function caught() { try { go(); } catch (e) { return e instanceof Error; } }`);
    expect(() => h.call('go')).toThrow(message);
    expect(h.call('caught')).toBe(true);
  });

  test('a failed write leaves the cells unchanged', () => {
    const h = host(`function go() { SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 1).setValues([[1]]); }`);
    expect(() => h.call('go')).toThrow();
    expect(h.workbook.sheets[0].rows.length).toBe(0);
  });

  test('"=..." becomes a formula: getFormulas returns it, getValues returns #NAME? (the host does not calculate)', () => {
    const h = host(`
      function go() {
        var r = SpreadsheetApp.getActiveSheet().getRange('A1:C1');
        r.setValues([['=1+1', '=HYPERLINK("https://x.example","打开")', "'=1+1"]]);
        return { values: r.getValues()[0], formulas: r.getFormulas()[0] };
      }`);
    expect(h.call('go')).toEqual({
      values: ['#NAME?', '打开', '=1+1'],
      formulas: ['=1+1', '=HYPERLINK("https://x.example","打开")', ''],
    });
  });

  test("a leading apostrophe stores text without it; plain strings are parsed like Sheets unless the cell is plain text", () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange('B1').setNumberFormat('@');
        sh.getRange('A1:B1').setValues([['0755', '0755']]);
        sh.getRange('A2:D2').setValues([["'0755", 'TRUE', '2026-11-02', 'hello']]);
        return sh.getRange('A1:D2').getValues().map(function (r) { return r.map(function (c) { return c instanceof Date ? 'Date' : typeof c + ':' + c; }); });
      }`);
    expect(h.call('go')).toEqual([
      ['number:755', 'string:0755', 'string:', 'string:'],
      ['string:0755', 'boolean:true', 'Date', 'string:hello'],
    ]);
  });

  const TYPED = `
    function typed(values) {
      var sh = SpreadsheetApp.getActiveSheet();
      sh.getRange(2, 1, 1, values.length).setNumberFormat('@');
      sh.getRange(1, 1, 2, values.length).setValues([values, values]);
      return sh.getRange(1, 1, 2, values.length).getValues().map(function (r) {
        return r.map(function (c) { return c instanceof Date ? 'Date:' + c.getFullYear() + '-' + (c.getMonth() + 1) + '-' + c.getDate() : typeof c + ':' + c; });
      });
    }`;
  const LOCALE = ['Jan 5', '5 March 2026', '5/1', '０７５５', '1e3', '12%', '1,000', '$5', '(5)', '＄5', 'May I help', '1,00'];

  test('by default Sheets parses only plain numbers, booleans and ISO dates; a plain-text cell keeps "=…" as text and drops one apostrophe', () => {
    const h = host(TYPED, { quirks: [] });
    expect(h.call('typed', LOCALE)).toEqual([
      ['string:Jan 5', 'string:5 March 2026', 'string:5/1', 'string:０７５５', 'number:1000', 'string:12%', 'string:1,000', 'string:$5', 'string:(5)', 'string:＄5', 'string:May I help', 'string:1,00'],
      LOCALE.map((v) => `string:${v}`),
    ]);
    expect(h.call('typed', ["'x", '=1+1', "'=1+1"])).toEqual([
      ['string:x', 'number:2', 'string:=1+1'].map((v, i) => (i === 1 ? 'string:#NAME?' : v)),
      ['string:x', 'string:=1+1', 'string:=1+1'],
    ]);
  });

  test('locale-conversion: automatic cells also read month names, day/month, full-width digits, percents, grouping, currency and brackets', () => {
    const h = host(TYPED, { quirks: ['locale-conversion'], now: '2026-11-02T09:00:00+08:00' });
    expect(h.call('typed', LOCALE)).toEqual([
      ['Date:2026-1-5', 'Date:2026-3-5', 'Date:2026-5-1', 'number:755', 'number:1000', 'number:0.12', 'number:1000', 'number:5', 'number:-5', 'number:5', 'string:May I help', 'string:1,00'],
      LOCALE.map((v) => `string:${v}`),
    ]);
  });

  test('apostrophe-kept: a plain-text cell keeps a leading apostrophe as part of the value; an automatic cell still drops it', () => {
    const h = host(TYPED, { quirks: ['apostrophe-kept'] });
    expect(h.call('typed', ["'x", "'0755", '0755'])).toEqual([
      ['string:x', 'string:0755', 'number:755'],
      ["string:'x", "string:'0755", 'string:0755'],
    ]);
  });

  test('getValue/setValue, getDisplayValues, getA1Notation, getLastRow', () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange(3, 2).setValue(1234.5);
        sh.getRange(3, 3).setValue(new Date(2026, 0, 5)).setNumberFormat('yyyy-mm-dd');
        sh.getRange(3, 4).setValue(0.25);
        sh.getRange(3, 4).setNumberFormat('0.0%');
        var r = sh.getRange(3, 2, 1, 3);
        return { v: sh.getRange(3, 2).getValue(), d: r.getDisplayValues()[0], a1: r.getA1Notation(), last: r.getLastRow(), sheetLast: sh.getLastRow(), lastCol: sh.getLastColumn(), data: sh.getDataRange().getA1Notation() };
      }`);
    expect(h.call('go')).toEqual({ v: 1234.5, d: ['1234.5', '2026-01-05', '25.0%'], a1: 'B3:D3', last: 3, sheetLast: 3, lastCol: 4, data: 'A1:D3' });
  });
});

describe('RangeList and cell counts', () => {
  test('RangeList.setValue writes one value into every listed range, and the host counts cells, not just calls', () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange(1, 1, 3, 2).setValues([['a', 'b'], ['c', 'd'], ['e', 'f']]);
        sh.getRangeList(['A1', 'B3', 'A2:A3']).setValue('x');
        return sh.getRange(1, 1, 3, 2).getValues();
      }
      function missing() { SpreadsheetApp.getActiveSheet().getRangeList(['A1', 'nope']); }`);
    h.resetCounters();
    expect(h.call('go')).toEqual([['x', 'b'], ['x', 'd'], ['x', 'x']]);
    expect(h.counters['SpreadsheetApp.RangeList.setValue']).toBe(1);
    expect(h.cells).toEqual({ read: 6, written: 6 + 4 });
    h.resetCounters();
    expect(h.cells).toEqual({ read: 0, written: 0 });
    expect(() => h.call('missing')).toThrow('Range not found');
  });
});

describe('dates are wall-clock times in the spreadsheet time zone', () => {
  test('written in Shanghai, the cell shows 09:30; moving the spreadsheet to London keeps the wall clock and shifts the instant', () => {
    const h = host(`
      function write() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue(new Date(2026, 10, 2, 9, 30)); }
      function read() { var r = SpreadsheetApp.getActiveSheet().getRange('A1'); return [r.getValue().getTime(), r.getDisplayValue()]; }
      function toLondon() { SpreadsheetApp.getActive().setSpreadsheetTimeZone('Europe/London'); }`);
    h.call('write');
    expect(h.workbook.sheets[0].rows[0][0]).toEqual(new Date(Date.UTC(2026, 10, 2, 9, 30)));
    expect(h.call('read')).toEqual([Date.parse('2026-11-02T09:30:00+08:00'), '2026-11-02 9:30:00']);
    h.call('toLondon');
    expect(h.call('read')).toEqual([Date.parse('2026-11-02T09:30:00Z'), '2026-11-02 9:30:00']);
  });

  test('a script in New York writing 09:00 local shows 22:00 in a Shanghai spreadsheet and reads back the same instant', () => {
    const h = host(
      `function go() {
        var r = SpreadsheetApp.getActiveSheet().getRange('A1');
        r.setValue(new Date(2026, 0, 1, 9, 0));
        return [r.getDisplayValue(), r.getValue().getTime(), new Date(2026, 0, 1, 9, 0).getTime()];
      }`,
      { scriptTimeZone: 'America/New_York' },
    );
    const [shown, read, written] = h.call('go') as [string, number, number];
    expect(shown).toBe('2026-01-01 22:00:00');
    expect(written).toBe(Date.parse('2026-01-01T09:00:00-05:00'));
    expect(read).toBe(written);
    process.env.TZ = 'Asia/Shanghai';
  });
});

describe('sheet structure', () => {
  test('a range outside the sheet throws; appendRow grows the sheet; deleteRows shrinks it', () => {
    const h = host(`
      function outside() { SpreadsheetApp.getActiveSheet().getRange(1001, 1).getValue(); }
      function grow() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange(1000, 1).setValue('last');
        sh.appendRow(['new', 2]);
        var before = sh.getMaxRows();
        sh.deleteRows(1, 999);
        return [before, sh.getMaxRows(), sh.getRange(1, 1, 2, 2).getValues()];
      }`);
    expect(() => h.call('outside')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(h.call('grow')).toEqual([1001, 2, [['last', ''], ['new', 2]]]);
  });

  test('insertSheet refuses a duplicate name; getSheets and getSheetByName see new tabs', () => {
    const h = host(`
      function go() {
        var ss = SpreadsheetApp.getActive();
        ss.insertSheet('投诉');
        try { ss.insertSheet('投诉'); } catch (e) { var err = e.message; }
        return [ss.getSheets().map(function (s) { return s.getName(); }), ss.getSheetByName('投诉').getIndex(), ss.getSheetByName('none'), err, ss.getActiveSheet().getName()];
      }`);
    expect(h.call('go')).toEqual([['Sheet1', '投诉'], 2, null, 'A sheet with the name "投诉" already exists. Please enter another name.', '投诉']);
  });

  test('frozen rows, hidden sheets, column widths, number formats, validation and conditional rules are kept in the model', () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.setFrozenRows(1);
        sh.insertSheet ? 0 : 0;
        SpreadsheetApp.getActive().insertSheet('Hidden').hideSheet();
        sh.setColumnWidth(2, 180);
        var rule = SpreadsheetApp.newDataValidation().requireValueInList(['minor', 'major'], true).setAllowInvalid(false).setHelpText('pick').build();
        sh.getRange('B2:B10').setDataValidation(rule);
        var cf = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2<TODAY()').setBackground('#f4cccc').setRanges([sh.getRange('A2:F100')]).build();
        sh.setConditionalFormatRules([cf]);
        var got = sh.getConditionalFormatRules()[0];
        var dv = sh.getRange('B5').getDataValidation();
        return [sh.getFrozenRows(), SpreadsheetApp.getActive().getSheetByName('Hidden').isSheetHidden(), sh.getColumnWidth(2),
          dv.getCriteriaType(), dv.getCriteriaValues()[0], dv.getAllowInvalid(), dv.getHelpText(),
          got.getBooleanCondition().getCriteriaValues()[0], got.getBooleanCondition().getBackground(), got.getRanges()[0].getA1Notation()];
      }`);
    expect(h.call('go')).toEqual([1, true, 180, 'VALUE_IN_LIST', ['minor', 'major'], false, 'pick', '=$C2<TODAY()', '#f4cccc', 'A2:F100']);
  });

  test('moveColumns moves whole columns before the destination counted before the move, and not across frozen columns', () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange(1, 1, 2, 5).setValues([['A', 'B', 'C', 'D', 'E'], [1, 2, 3, 4, 5]]);
        sh.getRange('B2').setNumberFormat('0.00');
        sh.setColumnWidths(1, 2, 150);
        sh.moveColumns(sh.getRange('A1:B1'), 5);
        var right = sh.getRange(1, 1, 2, 5).getValues();
        var fmt = sh.getRange('D2').getNumberFormat();
        var width = sh.getColumnWidth(4);
        sh.moveColumns(sh.getRange('C1:D1'), 1);
        var back = sh.getRange(1, 1, 1, 5).getValues()[0];
        sh.setFrozenColumns(1);
        try { sh.moveColumns(sh.getRange('C1'), 1); } catch (e) { var err = e.message; }
        return [right, fmt, width, back, err];
      }`);
    const [right, fmt, width, back, err] = h.call('go') as unknown[];
    expect(right).toEqual([['C', 'D', 'A', 'B', 'E'], [3, 4, 1, 2, 5]]);
    expect([fmt, width]).toEqual(['0.00', 150]);
    expect(back).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(err).toMatch(/frozen/);
  });

  test('a reject-input list validation refuses a value outside the list and keeps the old value', () => {
    const h = host(`
      function setup() {
        var sh = SpreadsheetApp.getActiveSheet();
        sh.getRange('A1:A3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['minor', 'major']).setAllowInvalid(false).build());
        sh.getRange('A1').setValue('minor');
      }
      function bad() { SpreadsheetApp.getActiveSheet().getRange('A1:A2').setValues([['major'], ['huge']]); }
      function read() { return SpreadsheetApp.getActiveSheet().getRange('A1:A2').getValues(); }`);
    h.call('setup');
    expect(() => h.call('bad')).toThrow('The data you entered in cell A2 violates the data validation rules set on this cell.');
    expect(h.call('read')).toEqual([['minor'], ['']]);
  });

  test('charts: newChart().asColumnChart() inserted, listed and removed', () => {
    const h = host(`
      function go() {
        var sh = SpreadsheetApp.getActiveSheet();
        var c = sh.newChart().asColumnChart().addRange(sh.getRange('A1:B5')).setPosition(2, 4, 0, 0).setOption('title', '投诉统计').build();
        sh.insertChart(c);
        var listed = sh.getCharts();
        var info = [listed.length, listed[0].getRanges()[0].getA1Notation(), listed[0].getOptions().get('title')];
        sh.removeChart(listed[0]);
        return info.concat([sh.getCharts().length]);
      }`);
    expect(h.call('go')).toEqual([1, 'A1:B5', '投诉统计', 0]);
  });
});

describe('protection', () => {
  const code = `
    function protect() {
      var sh = SpreadsheetApp.getActiveSheet();
      var p = sh.getRange('A1:C1').protect().setDescription('headers');
      p.removeEditors(p.getEditors());
      p.addEditor('manager@estate.example');
      return [p.getDescription(), p.getEditors().map(function (u) { return u.getEmail(); }), sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).length];
    }
    function writeHeader() { SpreadsheetApp.getActiveSheet().getRange('B1').setValue('x'); }
    function writeBody() { SpreadsheetApp.getActiveSheet().getRange('B2').setValue('x'); return true; }`;

  test('only the owner and editors may write a protected range; others get Google\'s message', () => {
    const wb = newWorkbook({ owner: 'owner@estate.example' });
    const manager = createHost({ code, workbook: wb, user: 'manager@estate.example' });
    expect(manager.call('protect')).toEqual(['headers', ['owner@estate.example', 'manager@estate.example'], 1]);
    const clerk = createHost({ code, workbook: wb, user: 'clerk@estate.example' });
    expect(() => clerk.call('writeHeader')).toThrow('You are trying to edit a protected cell or object.');
    expect(clerk.call('writeBody')).toBe(true);
    expect(() => manager.call('writeHeader')).not.toThrow();
  });

  test('a warning-only sheet protection lets scripts write; unprotected ranges are writable under a strict one', () => {
    const wb = newWorkbook({ owner: 'owner@estate.example' });
    const owner = createHost({
      code: `function go(warn) { var p = SpreadsheetApp.getActiveSheet().protect(); p.setWarningOnly(warn); p.removeEditors(p.getEditors()); p.setUnprotectedRanges([SpreadsheetApp.getActiveSheet().getRange('A2:Z1000')]); }`,
      workbook: wb,
      user: 'owner@estate.example',
    });
    const clerk = createHost({ code: `function w(a1) { SpreadsheetApp.getActiveSheet().getRange(a1).setValue(1); }`, workbook: wb, user: 'c@estate.example' });
    owner.call('go', false);
    expect(() => clerk.call('w', 'A1')).toThrow('protected');
    expect(() => clerk.call('w', 'A2')).not.toThrow();
    owner.call('go', true);
    expect(() => clerk.call('w', 'A1')).not.toThrow();
  });
});
