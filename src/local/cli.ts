// The estate-registers CLI: runs dist/Code.js in the local host on an .xlsx workbook.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMMANDS, CliError, Command, Flags } from './commands';

const USAGE_HEAD = `estate-registers — run the Estate Registers add-on locally on an .xlsx workbook

Usage: estate-registers <command> [arguments] [options]

Commands:`;

const USAGE_TAIL = `
Options for every command:
  --as EMAIL      the signed-in user (default: $USER@localhost)
  --now ISO       pin the clock, e.g. 2026-11-25T09:00:00+08:00
  --help          this help

Exit status: 0 on success, 1 with a one-line message on bad input.`;

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name} ${c.args}\n      ${c.about}`);
  return [USAGE_HEAD, ...lines, USAGE_TAIL].join('\n');
}

const OPTIONS = {
  as: { type: 'string' },
  now: { type: 'string' },
  lang: { type: 'string' },
  demo: { type: 'boolean' },
  json: { type: 'boolean' },
  outbox: { type: 'string' },
  out: { type: 'string' },
  template: { type: 'string' },
  port: { type: 'string' },
  sheet: { type: 'string' },
  register: { type: 'string' },
  map: { type: 'string' },
  year: { type: 'string' },
  'dry-run': { type: 'boolean' },
  phone: { type: 'string' },
  address: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]): { command: Command | null; name: string; positionals: string[]; flags: Flags } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0]);
  }
  const [name = '', ...positionals] = parsed.positionals;
  const v = parsed.values;
  if (v.now !== undefined && isNaN(new Date(v.now).getTime())) throw new CliError(`--now ${v.now} is not a date-time (use e.g. 2026-11-25T09:00:00+08:00)`);
  const flags: Flags = {
    as: v.as ?? `${process.env.USER || 'user'}@localhost`,
    asGiven: v.as !== undefined,
    now: v.now,
    lang: v.lang,
    demo: Boolean(v.demo),
    json: Boolean(v.json),
    outbox: v.outbox,
    out: v.out,
    template: v.template,
    port: v.port,
    sheet: v.sheet,
    register: v.register,
    map: v.map,
    year: v.year,
    dryRun: Boolean(v['dry-run']),
    phone: v.phone,
    address: v.address,
    help: Boolean(v.help),
  };
  return { command: (COMMANDS as Record<string, Command>)[name] ?? null, name, positionals, flags };
}

export async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const { command, name, positionals, flags } = parse(argv);
    json = flags.json;
    if (flags.help || name === '' || name === 'help') {
      console.log(usage());
      return name === '' && !flags.help ? 1 : 0;
    }
    if (!command) throw new CliError(`unknown command "${name}"; run estate-registers --help`);
    if (positionals.length < command.min) throw new CliError(`usage: estate-registers ${name} ${command.args}`);
    if (command.needsBook && !existsSync(positionals[0])) throw new CliError(`${positionals[0]}: no such file`);
    return await command.run(positionals, flags);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (!(e instanceof CliError) && process.env.ESTATE_DEBUG) console.error(e);
    if (json) console.log(JSON.stringify({ ok: false, code: e instanceof CliError ? e.code : 'error', message }));
    console.error(`estate-registers: ${message}`);
    return 1;
  }
}
