// The CLI's commands, one table: --help lists exactly these.
import { CliError, exitFor, parseArg, printJson, withBook } from './session';
import { seedDemo } from './demo';
import { LANGS } from '../domain/types';
import { NOTICE_TEMPLATES } from '../domain/notices';
import { REGISTERS } from '../domain/registers';
import { writeOutbox } from './eml';
import { renderPdf } from './pdf';
import { startServer } from './serve';
import { importCommand, undoImportCommand } from './import';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export { CliError };

export interface Flags {
  as: string;
  /** --as was given (not the $USER@localhost default). */
  asGiven?: boolean;
  now?: string;
  lang?: string;
  demo: boolean;
  json: boolean;
  outbox?: string;
  out?: string;
  template?: string;
  port?: string;
  sheet?: string;
  register?: string;
  map?: string;
  year?: string;
  dryRun?: boolean;
  /** init: the office phone and address printed on notices. */
  phone?: string;
  address?: string;
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


/** The demo estate's office, so its sample notice prints a phone and an address. */
const DEMO_OFFICE = { office_phone: '0755-86001234', office_address: '翠湖路88号物业服务中心一楼' };

const init: Command = {
  args: '<book.xlsx> [--lang zh-Hans|zh-Hant|en] [--phone TEXT] [--address TEXT] [--demo]',
  about: 'create the workbook (or add what is missing); --demo adds sample data',
  min: 1,
  needsBook: false,
  async run([path], flags) {
    if (flags.lang && !(LANGS as readonly string[]).includes(flags.lang)) throw new CliError(`--lang must be one of ${LANGS.join(', ')}`);
    const result = await withBook(path, { user: flags.as, now: flags.now, create: true }, (host) => {
      const office = { ...(flags.demo ? DEMO_OFFICE : {}), ...(flags.phone ? { office_phone: flags.phone } : {}), ...(flags.address ? { office_address: flags.address } : {}) };
      const r = host.call('setupWorkbook', flags.lang ?? 'zh-Hans', office) as { ok: boolean };
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
      // The installed trigger fires as its owner; without one, the --as user runs it (a supervisor or manager).
      const installed = host.workbook.triggers.some((t) => t.handler === 'runOverdueScan');
      const r = (installed ? host.fireTrigger('runOverdueScan') : host.callFromClient('runOverdueScan', [])) as ScanJson;
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

interface VerifyJson {
  ok: boolean;
  code?: string;
  message?: string;
  intact: boolean;
  entries: number;
  firstBad: number | null;
  problem: string | null;
  row: number | null;
}

const verifyLog: Command = {
  args: '<book.xlsx> [--json]',
  about: "check the duty log's hash chain; exits 1 when it is not intact",
  min: 1,
  needsBook: true,
  async run([path], flags) {
    // Read-only: the workbook is never saved, so checking cannot change what it checks.
    // Whoever holds the file can read every cell anyway; without --as the check runs as the workbook's owner.
    const r = (await withBook(path, { user: flags.as, now: flags.now, save: false }, (host) => {
      if (!flags.asGiven && host.workbook.owner) host.setUser(host.workbook.owner);
      return host.callFromClient('verifyDutyLog', []);
    })) as VerifyJson;
    if (!r || !r.ok) throw new CliError(r?.message ?? 'verify-log failed', r?.code ?? 'error');
    if (flags.json) printJson({ intact: r.intact, entries: r.entries, firstBad: r.firstBad, problem: r.problem });
    else if (r.intact) console.log(`intact: ${r.entries} entries\n  ${r.message}`);
    else console.log(`NOT intact: entry ${r.firstBad} ${r.problem}${r.row ? ` (sheet row ${r.row})` : ''}\n  ${r.message}`);
    return r.intact ? 0 : 1;
  },
};

/** The register a record id belongs to, by its prefix. */
// Which register an id or a period belongs to, from the notice definitions: a new notice needs no change here.
const PREFIXED = [...new Set(NOTICE_TEMPLATES.map((d) => d.register))].filter((r) => REGISTERS[r].idPrefix);
const registerOfId = (id: string): string | undefined => PREFIXED.find((r) => id.startsWith(REGISTERS[r].idPrefix!));
const PERIOD_TEMPLATES: Record<string, string> = Object.fromEntries(NOTICE_TEMPLATES.filter((d) => d.input !== 'record').map((d) => [d.key, d.register]));

interface NoticeReply {
  ok: boolean;
  message?: string;
  name?: string;
  version?: number;
  docUrl?: string;
  pdfUrl?: string;
  previewHtml?: string;
  templates?: { key: string; label: string }[];
  warnings?: string[];
}

const notice: Command = {
  args: '<book.xlsx> <record-id|YYYY-MM|YYYY-Www|YYYY-MM-DD..YYYY-MM-DD> [--template NAME] [--out DIR]',
  about: 'generate a notice as the add-on does (--template evidence_pack: a violation\'s or complaint\'s 证据包), and write its HTML and an A4 PDF',
  min: 2,
  needsBook: true,
  async run([path, id], flags) {
    const register = flags.template && PERIOD_TEMPLATES[flags.template] && !/^[A-Z]+-/.test(id) ? PERIOD_TEMPLATES[flags.template] : registerOfId(id);
    if (!register) throw new CliError(`${id}: not an id of a register with notices (${PREFIXED.map((r) => `${REGISTERS[r].idPrefix}…`).join(', ')}), nor a period with --template ${Object.keys(PERIOD_TEMPLATES).join('|')}`);
    const reply = await withBook(path, { user: flags.as, now: flags.now }, (host) => {
      let template = flags.template;
      if (!template) {
        const options = host.callFromClient('getNoticeOptions', [register, id]) as NoticeReply;
        if (!options.ok) return options;
        template = options.templates?.[0]?.key;
        if (!template) throw new CliError(`${id}: no notice fits this record now`, 'precondition');
      }
      return host.callFromClient('generateNotice', [register, id, template]) as NoticeReply;
    });
    if (!reply.ok) throw new CliError(reply.message ?? 'notice failed', 'notice');
    const out = flags.out ?? '.';
    mkdirSync(out, { recursive: true });
    const htmlPath = join(out, `${reply.name}.html`);
    writeFileSync(htmlPath, reply.previewHtml ?? '');
    const pdfPath = join(out, `${reply.name}.pdf`);
    const pdf = await renderPdf(reply.previewHtml ?? '', pdfPath);
    if (flags.json) printJson({ ok: true, name: reply.name, version: reply.version, html: htmlPath, pdf: pdf.ok ? pdfPath : null, docUrl: reply.docUrl, pdfUrl: reply.pdfUrl, warnings: reply.warnings ?? [] });
    else {
      console.log(`${reply.name} (version ${reply.version})`);
      console.log(`  wrote ${htmlPath}`);
      console.log(pdf.ok ? `  wrote ${pdfPath}` : `  no PDF: ${pdf.message}; the HTML is written`);
      console.log(`  Doc ${reply.docUrl}\n  PDF ${reply.pdfUrl}`);
      // 文书模板 rows this notice could not use: the built-in text was printed there.
      for (const w of reply.warnings ?? []) console.log(`  warning: ${w}`);
    }
    return 0;
  },
};

const serve: Command = {
  args: '<book.xlsx> [--port N]',
  about: 'show the sidebar in a browser at the printed http://127.0.0.1:N/?token=… link, bridged to the local host',
  min: 1,
  needsBook: true,
  async run([path], flags) {
    const port = flags.port === undefined ? 8080 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${flags.port} is not a port number`);
    const served = await startServer({ bookPath: path, port, as: flags.as, now: flags.now });
    // The link carries this run's token: the page and every call need it, so only whoever sees this line gets in.
    console.log(`Sidebar for ${path} as ${flags.as}: ${served.url}  (Ctrl-C to stop)`);
    console.log(`Phone web app: ${served.url.replace('/?token=', '/m?token=')}`);
    await new Promise<void>((done) => process.once('SIGINT', () => void served.close().then(done)));
    return 0;
  },
};

export const COMMANDS = { init, call, scan, notice, 'verify-log': verifyLog, serve, import: importCommand, 'undo-import': undoImportCommand } satisfies Record<string, Command>;
