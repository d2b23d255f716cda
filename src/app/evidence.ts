// 证据包: what the evidence pack gathers about one record: its timeline as the sidebar shows it, its notices from 文书记录, its deadline facts and the history chain's state.
import { Book } from './book';
import { checkHistory, getHistory } from './history';
import { deadlineFacts, EvidenceData } from '../domain/evidence';
import type { Cell, Rec } from '../domain/types';

/** The notices log as noticeLog reads it: rows, and where the number sits. */
interface Log {
  rows: Cell[][];
  number: number;
}

export function evidenceData(book: Book, register: 'violations' | 'complaints', rec: Rec, log: Log): EvidenceData {
  const id = String(rec.id ?? '');
  const h = getHistory(book.ports, register, id);
  const actor = book.actor();
  return {
    register,
    timeline: h.ok ? h.entries : [],
    // Columns as setup writes them: record, template, version, at, by, doc, pdf; the number found by its header.
    notices: log.rows.filter((r) => String(r[0]) === id).map((r) => ({ key: String(r[1]), version: Number(r[2]) || 0, at: r[3], number: String(r[log.number] ?? ''), url: String(r[6] || r[5] || '') })),
    facts: deadlineFacts(register, rec, book.settings(), book.now),
    check: checkHistory(book)?.message ?? '',
    by: actor.name && actor.name !== actor.email ? `${actor.name} <${actor.email}>` : actor.email,
  };
}
