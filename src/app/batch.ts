// Batch notices: a 催缴函 for every open fee-arrears violation, in runs that stop before the time limit; a re-run continues.
import { Book } from './book';
import { guarded } from './guarded';
import { allowed, issueNotice, noticeLog, resolve } from './notices';
import type { Ports } from '../ports';
import { noticeDef, officeProblem } from '../domain/notices';
import { msg } from '../domain/messages';
import { fail, L } from '../domain/types';
import { fill } from '../domain/labels';

/** Document property: the batch under way, {startedAt, by, lease}; gone once every violation has had its reminder. */
const STATE_KEY = 'batch.fee_reminder';

interface BatchState {
  startedAt: string;
  by: string;
  /** A run holds the batch until then, so two people cannot run it at once and print two reminders. */
  lease: number;
}

function readState(raw: string | null): BatchState | null {
  try {
    const s = JSON.parse(raw ?? 'null') as BatchState | null;
    return s && typeof s.startedAt === 'string' && !isNaN(Date.parse(s.startedAt)) ? s : null;
  } catch {
    return null;
  }
}

const TEXT = {
  running: L('另一位同事正在批量生成催缴函，请稍后再试', '另一位同事正在批量產生催繳函，請稍後再試', 'A colleague is running the payment reminders; try again shortly'),
  done: L('已生成催缴函 {n} 份，全部完成。', '已產生催繳函 {n} 份，全部完成。', '{n} payment reminder(s) generated; all done.'),
  more: L(
    '已生成催缴函 {n} 份；本次运行时间已到，还有 {left} 份，请再次运行“批量生成催缴函”继续（已生成的不会重复）。',
    '已產生催繳函 {n} 份；本次執行時間已到，還有 {left} 份，請再次執行「批量產生催繳函」繼續（已產生的不會重複）。',
    '{n} payment reminder(s) generated; time ran out with {left} to go. Run “Payment reminders for all arrears” again to continue (none is made twice).',
  ),
  failed: L('{n} 份未能生成：', '{n} 份未能產生：', '{n} could not be generated: '),
};

/**
 * One run of the batch. The first run starts it; later runs continue it: a violation whose reminder is in
 * 文书记录 since the batch started is done and skipped, so each gets exactly one whatever stops a run.
 * A run stops starting new notices once Settings batch_budget_seconds have passed (Apps Script ends an
 * execution at 6 minutes). The batch ends when every open fee-arrears violation has been tried.
 */
export function batchFeeReminders(ports: Ports) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const def = noticeDef('fee_reminder')!;
  const denied = allowed(book, def);
  if (denied) return denied;
  const s = book.settings();
  const office = officeProblem(s, lang);
  if (office) return fail('precondition', office.message, office.fields);
  const me = book.actor().email;
  const budgetMs = s.batch_budget_seconds * 1000;
  const taken = guarded(ports, () => lang, () => {
    const state = readState(ports.store.get(STATE_KEY));
    if (state && state.by !== me && state.lease > book.now.getTime()) return fail('busy', TEXT.running[lang]);
    const next: BatchState = { startedAt: state?.startedAt ?? book.now.toISOString(), by: me, lease: book.now.getTime() + budgetMs + 120_000 };
    ports.store.set(STATE_KEY, JSON.stringify(next));
    return { ok: true as const, state: next, resumed: state !== null };
  });
  if ('code' in taken) return taken;
  const since = Date.parse(taken.state.startedAt);
  const log = noticeLog(book);
  const done = new Set(log.rows.filter((r) => r[1] === def.key && r[3] instanceof Date && r[3].getTime() >= since).map((r) => String(r[0])));
  const targets = (book.load('violations')?.records ?? []).filter((r) => def.fits(r) && !done.has(String(r.id)));
  const generated: { id: string; number: string; pdfUrl: string }[] = [];
  const failed: { id: string; message: string }[] = [];
  for (const rec of targets) {
    if (ports.clock.elapsedMs() > budgetMs) break;
    const id = String(rec.id);
    const t = resolve(book, 'violations', id, def.key);
    const r = 'ok' in t ? t : issueNotice(book, t);
    if (r.ok) generated.push({ id, number: r.number, pdfUrl: r.pdfUrl });
    else failed.push({ id, message: r.message });
  }
  const remaining = targets.length - generated.length - failed.length;
  guarded(ports, () => lang, () => {
    if (remaining === 0) ports.store.remove(STATE_KEY);
    else ports.store.set(STATE_KEY, JSON.stringify({ ...taken.state, lease: 0 }));
    return {};
  });
  const summary = [
    fill(TEXT[remaining ? 'more' : 'done'][lang], { n: generated.length, left: remaining }),
    failed.length ? fill(TEXT.failed[lang], { n: failed.length }) + failed.map((f) => `${f.id}（${f.message}）`).join('；') : '',
  ].join(' ').trim();
  return { ok: true as const, resumed: taken.resumed, complete: remaining === 0, generated, failed, remaining, message: summary };
}

/** The menu item: the outcome as an alert. */
export function batchFeeRemindersFromMenu(ports: Ports) {
  const r = batchFeeReminders(ports);
  try {
    ports.ui.alert(String(r.message));
  } catch {
    // no UI: the result is enough
  }
  return r;
}
