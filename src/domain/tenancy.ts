// Temporary residents of a let flat, one a line ("姓名 关系 到达日期 [登记日期]"), parsed for the 15-day police registration. Pure.
import { L, Lang } from './types';

export interface TempResident {
  name: string;
  relation: string;
  /** YYYY-MM-DD */
  arrived: string;
  /** YYYY-MM-DD, or '' while not registered with the police. */
  registered: string;
}

const BAD_LINE = L('第{n}行请写：姓名 关系 到达日期 [登记日期]，日期如 2026-11-10', '第{n}行請寫：姓名 關係 到達日期 [登記日期]，日期如 2026-11-10', 'Line {n}: name relation arrived [registered], dates like 2026-11-10');

/** 2026-11-05, 2026/11/5 or 2026.11.5 as 2026-11-05; null when not a real date. */
function ymd(token: string): string | null {
  const m = /^(\d{4})[-/.](\d\d?)[-/.](\d\d?)$/.exec(token);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
  const t = new Date(`${iso}T00:00:00Z`);
  return m && !isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : null;
}

const looksLikeDate = (t: string): boolean => /^\d{4}\D/.test(t);

/** The people listed, and an error per bad line (in the office language). Blank lines are skipped. */
export function parseTempResidents(text: unknown, lang: Lang = 'zh-Hans'): { people: TempResident[]; errors: string[] } {
  const people: TempResident[] = [];
  const errors: string[] = [];
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : [];
  lines.forEach((raw, i) => {
    const tokens = raw.trim().split(/[\s,，、;；]+/).filter(Boolean);
    if (!tokens.length) return;
    const words = tokens.filter((t) => !looksLikeDate(t));
    const [arrived, registered = '', extra] = tokens.filter(looksLikeDate).map(ymd);
    // A bad date, a registration before arrival, or a missing part: the same plain instruction.
    if (words.length < 2 || !arrived || registered === null || extra !== undefined || (registered && registered < arrived)) {
      return void errors.push(BAD_LINE[lang].replace('{n}', String(i + 1)));
    }
    people.push({ name: words[0], relation: words.slice(1).join(' '), arrived, registered: registered || '' });
  });
  return { people, errors };
}

const LEASE_ORDER = L('租期结束不能早于租期开始', '租期結束不能早於租期開始', 'The lease cannot end before it starts');

/** Field errors of a tenancy as a whole (lease dates in order, readable temporary-resident lines), or null. */
export function tenancyErrors(rec: Record<string, unknown>, lang: Lang): Record<string, string> | null {
  const out: Record<string, string> = {};
  const [from, to] = [rec.lease_start, rec.lease_end].map((v) => (typeof v === 'string' ? v : ''));
  if (from && to && to < from) out.lease_end = LEASE_ORDER[lang];
  const { errors } = parseTempResidents(rec.temporary, lang);
  if (errors.length) out.temporary = errors.join('\n');
  return Object.keys(out).length ? out : null;
}
