// The vm around Code.js: pinned clock, globals, counters, and the google.script.run bridge.
import fs from 'node:fs';
import { createHost } from '../../../src/local/host';

describe('pinned clock inside the vm', () => {
  const code = `
    function clock() {
      var d = new Date();
      return { now: Date.now(), d: d.getTime(), isDate: d instanceof Date, ctor: d.constructor === Date,
        explicit: new Date(2020, 0, 1).getTime(), utc: Date.UTC(2020, 0, 1), parsed: Date.parse('2020-01-01T00:00:00Z'),
        str: typeof Date(), sub: (function () { class D extends Date {} var x = new D(); return x instanceof Date && x.getTime(); })() };
    }`;

  test('new Date(), Date.now() and Date() give the pinned time; new Date(x), Date.UTC, Date.parse and instanceof still work', () => {
    const h = createHost({ code, now: '2026-11-02T09:00:00+08:00' });
    const pinned = Date.parse('2026-11-02T09:00:00+08:00');
    expect(h.call('clock')).toEqual({
      now: pinned,
      d: pinned,
      isDate: true,
      ctor: true,
      explicit: Date.parse('2020-01-01T00:00:00+08:00'),
      utc: Date.UTC(2020, 0, 1),
      parsed: Date.UTC(2020, 0, 1),
      str: 'string',
      sub: pinned,
    });
  });

  test('advance, setNow and tickMs move the clock', () => {
    const h = createHost({ code: `function now() { SpreadsheetApp.getActive(); return Date.now(); }`, now: '2026-01-01T00:00:00Z', tickMs: 1000 });
    expect(h.call('now')).toBe(Date.parse('2026-01-01T00:00:01Z'));
    h.advance(60_000);
    expect(h.call('now')).toBe(Date.parse('2026-01-01T00:01:02Z'));
    h.setNow('2027-01-01T00:00:00Z');
    expect(h.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  test('the script runs in the script time zone whatever the machine zone is', () => {
    // jest's `process` is a copy; reach Node's own to really change the zone.
    const nodeProcess = (fs.readFileSync.constructor as FunctionConstructor)('return process')() as NodeJS.Process;
    nodeProcess.env.TZ = 'UTC';
    expect(new Date(2026, 0, 1).getTime()).toBe(Date.UTC(2026, 0, 1));
    const h = createHost({ code: `function midnight() { return new Date(2026, 0, 1).getTime(); }` });
    expect(h.call('midnight')).toBe(Date.parse('2026-01-01T00:00:00+08:00'));
    expect(nodeProcess.env.TZ).toBe('Asia/Shanghai');
  });
});

describe('globals and counters', () => {
  test('globals() lists the top-level functions Code.js defined, not the fakes', () => {
    const h = createHost({ code: `var x = 1; function onOpen() {} function getRegisters() { return []; } const notGlobal = () => 1;` });
    expect(h.globals().sort()).toEqual(['getRegisters', 'onOpen']);
    expect(() => h.call('missing')).toThrow('Script function not found: missing');
  });

  test('every fake call is counted; spreadsheetCalls sums SpreadsheetApp.*', () => {
    const h = createHost({
      code: `function go() { var sh = SpreadsheetApp.getActive().getSheetByName('Sheet1'); sh.getRange(1, 1, 5, 2).getValues(); sh.getRange('A1').setValue(1); Logger.log('done'); }`,
    });
    h.call('go');
    expect(h.counters).toEqual({
      'SpreadsheetApp.getActive': 1,
      'SpreadsheetApp.Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.Sheet.getRange': 2,
      'SpreadsheetApp.Range.getValues': 1,
      'SpreadsheetApp.Range.setValue': 1,
    });
    expect(h.spreadsheetCalls()).toBe(6);
    expect(h.logs).toEqual(['done']);
    h.resetCounters();
    expect(h.spreadsheetCalls()).toBe(0);
  });
});

describe('google.script.run bridge', () => {
  const code = `
    function echo(a, b) { return { a: a, b: b, isArr: Array.isArray(b) && b instanceof Array }; }
    function withDate() { return { when: new Date(), n: 1 }; }
    function mutate(o) { o.x = 2; return o; }
    function boom() { throw new Error('bad input'); }`;

  test('arguments and results are copied; a Date or function argument is refused like Google', () => {
    const h = createHost({ code });
    expect(h.callFromClient('echo', [{ k: 'v', u: undefined }, [1, undefined]])).toEqual({ a: { k: 'v' }, b: [1, null], isArr: true });
    expect(() => h.callFromClient('echo', [new Date()])).toThrow('Failed due to illegal value in property: 0');
    expect(() => h.callFromClient('echo', [{ when: new Date() }])).toThrow('Failed due to illegal value in property: when');
    expect(() => h.callFromClient('echo', [1, () => 1])).toThrow('Failed due to illegal value in property: 1');
    const arg = { x: 1 };
    h.callFromClient('mutate', [arg]);
    expect(arg.x).toBe(1);
  });

  test('a Date in the result makes the result null; a thrown error reaches the caller as an Error with its message', () => {
    const h = createHost({ code });
    expect(h.callFromClient('withDate', [])).toBeNull();
    expect(() => h.callFromClient('boom', [])).toThrow('bad input');
  });
});

describe('Intl quirks inside the vm', () => {
  const code = `
    function longOffset() { return new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', timeZoneName: 'longOffset' }).format(new Date(0)); }
    function hour() { return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date(0)); }
    function badZone() { try { new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' }); return 'accepted'; } catch (e) { return e.name; } }`;

  test('by default Intl has longOffset and honours timeZone', () => {
    const h = createHost({ code, quirks: [] });
    expect(h.call('longOffset')).toBe('1/1/1970, GMT+08:00');
    expect(h.call('hour')).toBe('08');
  });

  test("no-longoffset: timeZoneName 'longOffset' throws a RangeError, as an older V8 does", () => {
    const h = createHost({ code, quirks: ['no-longoffset'] });
    expect(() => h.call('longOffset')).toThrow(/out of range for Intl.DateTimeFormat/);
    expect(h.call('hour')).toBe('08');
  });

  test('no-intl-tz: timeZone is checked but every time is formatted in UTC', () => {
    const h = createHost({ code, quirks: ['no-intl-tz'] });
    expect(h.call('hour')).toBe('00');
    expect(h.call('badZone')).toBe('RangeError');
  });
});
