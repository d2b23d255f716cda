// The manifest asks only for the least-privilege scopes in ARCHITECTURE.md, and runs V8 in Shanghai time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ALLOWED_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/drive.file',
  'https://www.googleapis.com/auth/documents',
  // Not in ARCHITECTURE.md's list, but Session.getActiveUser() requires it, and every role
  // check starts from the signed-in user's email. It is the narrowest identity scope there is.
  'https://www.googleapis.com/auth/userinfo.email',
];

const manifest = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', file), 'utf8'));

describe.each(['appsscript.json', 'dist/appsscript.json'])('%s', (file) => {
  const m = manifest(file);

  it('asks for no scope outside the allowlist', () => {
    const extra = (m.oauthScopes as string[]).filter((s) => !ALLOWED_SCOPES.includes(s));
    expect(extra).toEqual([]);
  });

  it('can tell who is signed in, which every role check needs', () => {
    expect(m.oauthScopes).toContain('https://www.googleapis.com/auth/userinfo.email');
  });

  it('never asks for full Drive or all spreadsheets', () => {
    expect(m.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(m.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  });

  it('runs the phone web app as the person using it, for the office’s own domain only', () => {
    expect(m.webapp).toEqual({ executeAs: 'USER_ACCESSING', access: 'DOMAIN' });
  });

  it('runs V8 in the office time zone with the Drive advanced service', () => {
    expect(m.runtimeVersion).toBe('V8');
    expect(m.timeZone).toBe('Asia/Shanghai');
    expect(m.dependencies.enabledAdvancedServices).toEqual([expect.objectContaining({ userSymbol: 'Drive', serviceId: 'drive' })]);
  });
});

it('clasp pushes dist/', () => {
  expect(manifest('.clasp.json').rootDir).toBe('dist');
});
