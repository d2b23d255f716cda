// The CLI's commands, one table: --help lists exactly these.
import { CliError, exitFor, parseArg, printJson, withBook } from './session';
import { seedDemo } from './demo';

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

export const COMMANDS = { init, call } satisfies Record<string, Command>;
