// The self-check's Drive probes (src/gas/services.ts), run in the local host: they report what export and sharing do, and leave nothing behind.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { createHost } from '../../../src/local/host';
import type { Quirk } from '../../../src/local/host/quirks';

let code = '';
beforeAll(async () => {
  const r = await esbuild.build({
    stdin: { contents: "export { probePdfExport, probeSharing } from './src/gas/services';", resolveDir: path.join(__dirname, '../../..'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'Probes',
    platform: 'neutral',
    write: false,
  });
  code = `${r.outputFiles[0].text}\nfunction probePdfExport() { return Probes.probePdfExport(); }\nfunction probeSharing() { return Probes.probeSharing(); }`;
});

const host = (quirks: Quirk[] = []) => createHost({ code, user: 'manager@estate.example', quirks });

describe('Drive probes for selfCheck', () => {
  test.each([
    [[] as Quirk[], /^export answered a Blob holding a \d+-byte PDF$/],
    [['export-string'] as Quirk[], /^export answered a string holding a \d+-byte PDF$/],
  ])('probePdfExport under quirks %j', (quirks, found) => {
    const h = host(quirks);
    expect(h.call('probePdfExport')).toEqual({ ok: true, found: expect.stringMatching(found) });
    expect(h.workbook.drive.items).toEqual([]);
  });

  test('probePdfExport names a lossy string export', () => {
    const h = host(['export-string']);
    const files = (h.context as unknown as { Drive: { Files: { export: (...a: unknown[]) => unknown } } }).Drive.Files;
    const real = files.export.bind(files);
    files.export = (...a: unknown[]) => Buffer.from(String(real(...a)), 'latin1').toString('utf8');
    expect(h.call('probePdfExport')).toEqual({ ok: false, found: 'export answered a string: decoded_text' });
    expect(h.workbook.drive.items).toEqual([]);
  });

  test('probeSharing finds the permissions API answering on a file the app made', () => {
    const h = host();
    expect(h.call('probeSharing')).toEqual({ ok: true, found: 'permissions answer: owner' });
    expect(h.workbook.drive.items).toEqual([]);
  });
});
