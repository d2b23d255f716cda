// 指纹: the same for a row as the add-on wrote it and as Sheets reads it back, different in just the fields typed over.
import { carry, changedFields, fingerprint, hashedFields, storedCode, UNSURE } from '../../src/domain/fingerprint';
import { REGISTERS, sheetColumnsOf } from '../../src/domain/registers';
import { layoutOf, recordToRow } from '../../src/domain/table';
import type { Cell } from '../../src/domain/types';

const def = REGISTERS.complaints;
const layout = layoutOf(def, sheetColumnsOf(def).map((f) => f.label['zh-Hans']));
const TZ = 'Asia/Shanghai';
const rec = {
  id: 'C-2026-0001',
  version: 1,
  received_at: new Date('2026-11-25T08:30:00+08:00'),
  channel: 'phone',
  complainant: '王女士',
  unit: '3-1-502',
  phone: '0755-86001234',
  subject: '楼道灯不亮',
  class: 'minor',
  status: 'received',
  updated_at: new Date('2026-11-25T09:00:00.123+08:00'),
  due_at: new Date('2026-11-25T10:00:00+08:00'),
};
const written = recordToRow(layout, rec, 'zh-Hans', TZ);
const h = layout.col.row_hash;
/** What Sheets gives back: the apostrophe in front of "3-1-502" is not part of the value, times come back to the millisecond or so. */
const readBack = (row: Cell[]): Cell[] => row.map((c) => (typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c instanceof Date ? new Date(c.getTime() + 0.4) : c));

describe('fingerprint', () => {
  it('is written with the row, one hex share per field a person can see, and reads back unchanged', () => {
    const fp = String(written[h]);
    expect(fp).toMatch(/^[0-9a-f]+$/);
    expect(fp).toHaveLength(hashedFields(def).length * 4);
    expect(written[layout.col.unit]).toBe("'3-1-502");
    expect(changedFields(def, layout.col, readBack(written), written[h])).toEqual([]);
    // A number read back where the text was written (a cell without the plain-text format) is the same value.
    const asNumber = [...written];
    asNumber[layout.col.complainant] = '5';
    const fp5 = fingerprint(def, layout.col, asNumber);
    asNumber[layout.col.complainant] = 5;
    expect(fingerprint(def, layout.col, asNumber)).toBe(fp5);
  });

  it('ignores the add-on’s bookkeeping (ids, version, stamps, due times), so its own writes are never an edit', () => {
    const moved = recordToRow(layout, { ...rec, id: 'C-2026-0099', version: 7, updated_at: new Date(), due_at: null, due_rule: '派单' }, 'zh-Hans', TZ);
    expect(moved[h]).toBe(written[h]);
  });

  it('names exactly the fields typed over, sensitive or not', () => {
    const typed = readBack(written);
    typed[layout.col.subject] = '楼道灯不亮，已报修';
    typed[layout.col.details] = '三楼';
    expect(changedFields(def, layout.col, typed, written[h])).toEqual(['subject', 'details']);
    expect(storedCode(def, written[h], 'subject')).toHaveLength(4);
    expect(storedCode(def, written[h], 'subject')).not.toBe(fingerprint(def, layout.col, typed).slice(hashedFields(def).findIndex((f) => f.key === 'subject') * 4).slice(0, 4));
  });

  it('has nothing to compare with when blank or from before a field was added: the row is fingerprinted, not reported', () => {
    expect(changedFields(def, layout.col, written, '')).toBeNull();
    expect(changedFields(def, layout.col, written, String(written[h]).slice(4))).toBeNull();
    expect(changedFields(def, layout.col, written, 'not a fingerprint')).toBeNull();
  });

  it('keeps the mark of a fingerprint taken from the row as found through later writes', () => {
    const found = [...written];
    found[h] = UNSURE + String(written[h]);
    expect(changedFields(def, layout.col, found, found[h])).toEqual([]);
    expect(carry(found[h])).toBe(UNSURE);
    expect(String(recordToRow(layout, { ...rec, subject: '新' }, 'zh-Hans', TZ, found)[h]).startsWith(UNSURE)).toBe(true);
    expect(String(recordToRow(layout, { ...rec, subject: '新' }, 'zh-Hans', TZ, written)[h]).startsWith(UNSURE)).toBe(false);
  });
});
