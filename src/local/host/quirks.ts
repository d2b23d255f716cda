// ESTATE_HOST_QUIRKS: switches the local host to the other plausible Google behaviour where we are not sure which one Google has.
//
// Each name is a behaviour the Apps Script reference leaves open or that Google has been seen to
// do. The add-on must be right under every one of them; CI runs the end-to-end suites once per
// quirk, and selfCheck names the quirk it finds.
export const QUIRKS = {
  'apostrophe-kept': 'in a plain-text (@) cell a leading apostrophe stays part of the value',
  'no-longoffset': "Intl.DateTimeFormat has no timeZoneName: 'longOffset'",
  'no-intl-tz': 'Intl.DateTimeFormat ignores timeZone (always UTC)',
  'export-string': "Drive.Files.export(id, mime, {alt:'media'}) (and files.get with alt=media) answers a string, not a Blob",
  'clock-triggers-unbound': 'ScriptApp.getUserTriggers(spreadsheet) leaves out clock triggers',
  'empty-email': 'Session.getActiveUser().getEmail() answers ""',
  'no-document-lock': 'LockService.getDocumentLock() answers null',
  'locale-conversion': 'Sheets converts more typed text (Jan 5, 5/1, full-width digits, 1e3, 12%)',
  'doc-drops-images': "Drive's HTML→Google Doc import drops data: images (a notice's photos)",
  'webapp-no-active': "a bound script's web app (doGet and its google.script.run calls) gets no active spreadsheet",
} as const;

export type Quirk = keyof typeof QUIRKS;
export const QUIRK_NAMES = Object.keys(QUIRKS) as Quirk[];

/** Parses a comma-separated list (the ESTATE_HOST_QUIRKS variable); an unknown name is an error, not ignored. */
export function parseQuirks(list: string | undefined): Set<Quirk> {
  const out = new Set<Quirk>();
  for (const raw of (list ?? '').split(',')) {
    const name = raw.trim();
    if (!name) continue;
    if (!(name in QUIRKS)) throw new Error(`ESTATE_HOST_QUIRKS: unknown quirk "${name}" (known: ${QUIRK_NAMES.join(', ')})`);
    out.add(name as Quirk);
  }
  return out;
}
