// The CLI's commands, one table: --help lists exactly these.
import { CliError, exitFor, parseArg, printJson, withBook } from './session';
import { seedDemo } from './demo';
import { writeOutbox } from './eml';

export { CliError };

export interface Flags {
  as: string;
  now?: string;
  lang?: string;
  demo: boolean;
  json: boolean;
  outbox?: string;
  out?: string;
  template?: string;
  port?: string;
  help: boolean;
}

export interface Command {
  args: string;
  about: string;
  /** Positional arguments required. */
  min: number;
  /** The first argument is a workbook that must exist. */
  needsBook: boolean;
  run(positionals: string[], flags: Flags): Promise<number>;
}

const LANGS = ['zh-Hans', 'zh-Hant', 'en'];

const init: Command = {
  args: '<book.xlsx> [--lang zh-Hans|zh-Hant|en] [--demo]',
  about: 'create the workbook (or add what is missing); --demo adds sample data',
  min: 1,
  needsBook: false,
  async run([path], flags) {
    if (flags.lang && !LANGS.includes(flags.lang)) throw new CliError(`--lang must be one of ${LANGS.join(', ')}`);
    const result = await withBook(path, { user: flags.as, now: flags.now, create: true }, (host) => {
      const r = host.call('setupWorkbook', flags.lang ?? 'zh-Hans') as { ok: boolean };
      if (r.ok && flags.demo) seedDemo(host);
      return r;
    });
    if (flags.json) printJson(result);
    else if ((result as { ok: boolean }).ok) {
      const r = result as unknown as { created: string[]; manager: string | null };
      console.log(`${path}: ${r.created.length ? `created ${r.created.join(', ')}` : 'already set up; nothing missing'}${r.manager ? `; ${r.manager} is the manager` : ''}${flags.demo ? '; sample data added' : ''}`);
    } else printJson(result);
    return exitFor(result);
  },
};

const call: Command = {
  args: '<book.xlsx> <entryPoint> [json-arg …]',
  about: 'call an entry point as google.script.run would; prints its JSON result',
  min: 2,
  needsBook: true,
  async run([path, entryPoint, ...args], flags) {
    const result = await withBook(path, { user: flags.as, now: flags.now }, (host) => {
      if (!host.globals().includes(entryPoint)) throw new CliError(`unknown entry point "${entryPoint}"`, 'unknown_entry_point');
      return host.callFromClient(entryPoint, args.map(parseArg));
    });
    printJson(result ?? null);
    return exitFor(result);
  },
};

interface ScanJson {
  ok: boolean;
  now: string;
  overdue: { register: string; id: string; rule: string; due: string; level: number }[];
  emails: { to: string[]; subject: string; ids: string[] }[];
  deferred: { to: string[]; subject: string; ids: string[]; reason: string }[];
  message?: string;
}

const scan: Command = {
  args: '<book.xlsx> [--outbox DIR] [--json]',
  about: 'run the hourly overdue trigger once; --outbox writes each email as .eml',
  min: 1,
  needsBook: true,
  async run([path], flags) {
    const { result, mails } = await withBook(path, { user: flags.as, now: flags.now }, (host) => {
      const before = host.outbox.length;
      const r = host.callAsTrigger('runOverdueScan', { triggerUid: 'cli' }) as ScanJson;
      return { result: r, mails: host.outbox.slice(before) };
    });
    if (!result.ok) throw new CliError(result.message ?? 'scan failed', 'scan');
    const files = flags.outbox ? writeOutbox(flags.outbox, mails.map((m) => ({ ...m, to: m.to, at: m.at }))) : [];
    if (flags.json) {
      printJson({ now: result.now, overdue: result.overdue, emails: result.emails, deferred: result.deferred });
      return 0;
    }
    console.log(`${result.now}: ${result.overdue.length} overdue, ${result.emails.length} emails sent, ${result.deferred.length} deferred`);
    for (const o of result.overdue) console.log(`  ${o.register} ${o.id} ${o.rule} due ${o.due}${o.level > 1 ? ' (manager)' : ''}`);
    for (const e of result.emails) console.log(`  → ${e.to.join(', ')}: ${e.subject}`);
    for (const d of result.deferred) console.log(`  deferred (${d.reason}) → ${d.to.join(', ')}: ${d.subject}`);
    for (const f of files) console.log(`  wrote ${f}`);
    return 0;
  },
};

export const COMMANDS = { init, call, scan } satisfies Record<string, Command>;
