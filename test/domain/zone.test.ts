// Zone offsets: the pure Intl fallback (no longOffset needed) and the port production fills with Utilities.formatDate.
import { intlOffset, isoInZone, offsetMinutes, useOffsetSource, wallOf } from '../../src/domain/zone';

afterEach(() => useOffsetSource(null));

describe('intlOffset, the pure fallback', () => {
  it.each([
    ['Asia/Shanghai', '2026-11-02T01:30:05Z', 480],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z', 330],
    ['America/New_York', '2026-07-01T12:00:00Z', -240],
    ['America/New_York', '2026-12-01T12:00:00Z', -300],
    ['UTC', '2026-12-01T12:00:00.999Z', 0],
    // Local mean time: Sheets' time-only cells sit on 1899-12-30, when Shanghai was +08:05:43.
    ['Asia/Shanghai', '1899-12-30T00:00:00Z', 8 * 60 + 5 + 43 / 60],
  ])('%s at %s is %s minutes ahead of UTC', (tz, at, minutes) => {
    expect(intlOffset(tz, Date.parse(at))).toBeCloseTo(minutes, 6);
  });

  it('does not ask Intl for longOffset, which Apps Script may lack', () => {
    const Real = Intl.DateTimeFormat;
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(((locales?: string, options?: Intl.DateTimeFormatOptions) => {
      if (options?.timeZoneName) throw new RangeError('no timeZoneName here');
      return new Real(locales, options);
    }) as unknown as typeof Intl.DateTimeFormat);
    try {
      expect(intlOffset('Pacific/Chatham', Date.parse('2026-01-01T00:00:00Z'))).toBe(13 * 60 + 45);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses an unknown zone', () => {
    expect(() => offsetMinutes('Mars/Olympus', 0)).toThrow(/Unknown time zone/);
  });
});

describe('useOffsetSource', () => {
  it('makes every wall-clock and ISO conversion use the installed source (Utilities.formatDate in production)', () => {
    const asked: string[] = [];
    useOffsetSource((tz) => {
      asked.push(tz);
      return 9 * 60;
    });
    const at = Date.parse('2026-11-02T00:00:00Z');
    expect(isoInZone(new Date(at), 'Office/Zone')).toBe('2026-11-02T09:00:00+09:00');
    expect(wallOf(at, 'Office/Zone').toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(asked).toContain('Office/Zone');
  });
});
