// CSV as offices' Excel and WPS save it: quoting, line ends, a BOM, and GBK bytes read as Chinese.
import { decodeCsv, parseCsv } from '../../src/domain/csv';

test.each<[string, string, string[][]]>([
  ['a BOM and CRLF', '\uFEFF日期,投诉人\r\n2025-3-5,张三\r\n', [['日期', '投诉人'], ['2025-3-5', '张三']]],
  ['quotes with commas, "" and a line break inside', '"a,b","say ""hi""","two\nlines"\n', [['a,b', 'say "hi"', 'two\nlines']]],
  ['no newline at the end, an empty field', 'x,,z', [['x', '', 'z']]],
  ['a formula stays text', '=SUM(A1),+1\n', [['=SUM(A1)', '+1']]],
])('parseCsv: %s', (_, text, rows) => {
  expect(parseCsv(text)).toEqual(rows);
});

test.each<[string, number[], string]>([
  ['UTF-8', [...Buffer.from('投诉,电话')], '投诉,电话'],
  ['UTF-8 with a BOM (dropped)', [0xef, 0xbb, 0xbf, ...Buffer.from('投诉')], '投诉'],
  // 投诉 in GBK, as Excel on a Chinese Windows saves "CSV (逗号分隔)".
  ['GBK', [0xcd, 0xb6, 0xcb, 0xdf, 0x2c, 0x31], '投诉,1'],
])('decodeCsv: %s', (_, bytes, text) => {
  expect(decodeCsv(new Uint8Array(bytes))).toBe(text);
});
