// 附件: a photo or PDF attached to a record from the sidebar or the phone, kept in Drive and listed on the record, with its 变更记录 row.
import { Book } from './book';
import { canEdit, denyRead, hasAny, refusal } from './access';
import { guarded } from './guarded';
import { recordHistory } from './history';
import { folderTarget } from './notices';
import { ExportFailed, type Ports } from '../ports';
import { ATTACHABLE, ATTACHMENTS_FIELD, ATTACHMENT_COUNT_FIELD, formatAttachment, parseAttachments } from '../domain/attachments';
import { base64Head, base64Size, exifTakenAt, HARD_MAX_MB, KIND_EXT, KIND_MIME, sniffKind } from '../domain/upload';
import { isRegisterKey, REGISTERS, RegisterDef } from '../domain/registers';
import { isoInZone } from '../domain/table';
import { momentOfWall } from '../domain/zone';
import { fill } from '../domain/labels';
import { msg } from '../domain/messages';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { Actor, fail, L, Lang, Rec } from '../domain/types';

const TEXT = {
  kind: L('只能上传 JPEG、PNG、HEIC 照片或 PDF 文件（按文件内容判断）', '只能上傳 JPEG、PNG、HEIC 照片或 PDF 檔案（按檔案內容判斷）', 'Only JPEG, PNG or HEIC photos and PDF files can be attached (judged by their content)'),
  size: L('文件太大：{size} MB，每个文件最大 {max} MB', '檔案太大：{size} MB，每個檔案最大 {max} MB', 'The file is too large: {size} MB; each file may be at most {max} MB'),
  count: L('这条记录已有 {max} 个附件，不能再添加', '這筆記錄已有 {max} 個附件，不能再新增', 'This record already has {max} files; no more can be added'),
  empty: L('没有收到文件内容，请重新选择文件', '沒有收到檔案內容，請重新選擇檔案', 'No file content arrived; choose the file again'),
  register: L('这类记录不能添加附件', '這類記錄不能新增附件', 'Files cannot be attached to this kind of record'),
  file: L('{name}，SHA-256：{sha}', '{name}，SHA-256：{sha}', '{name}, SHA-256: {sha}'),
};
const say = (key: keyof typeof TEXT, lang: Lang, p: Record<string, string | number> = {}) => fill(TEXT[key][lang], p);

/** Whoever may edit the record; security also on what it records on patrol (violations, help requests). */
export const canAttach = (actor: Actor, def: RegisterDef): boolean =>
  canEdit(actor, def) || ((def.key === 'violations' || def.key === 'requests') && hasAny(actor, ['security']));

const isAttachable = (k: unknown): k is (typeof ATTACHABLE)[number] => (ATTACHABLE as readonly unknown[]).includes(k);

/** The largest file Settings allow, never above what one google.script.run call carries (HARD_MAX_MB). */
const maxBytes = (mb: number): number => Math.floor(Math.min(mb > 0 ? mb : DEFAULT_SETTINGS.attach_max_mb, HARD_MAX_MB) * 1024 * 1024);

/**
 * One file, as base64 with its name and (for a photo) a small JPEG thumbnail the browser drew.
 * Everything is checked before Drive is touched, so a refusal leaves nothing behind; the file is
 * saved outside the lock (slow, no cells), and taken back if the record cannot then be written.
 */
export function attachFile(ports: Ports, register: unknown, id: unknown, file: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  if (!isRegisterKey(register) || !isAttachable(register)) return fail('invalid', say('register', lang), { register: say('register', lang) });
  const def = REGISTERS[register];
  const actor = book.actor();
  if (!canAttach(actor, def)) return fail('forbidden', msg(refusal(actor), lang));
  const f = (file && typeof file === 'object' ? file : {}) as { name?: unknown; data?: unknown; thumb?: unknown };
  const data = typeof f.data === 'string' ? f.data : '';
  const size = base64Size(data);
  if (size <= 0) return fail('invalid', say('empty', lang), { file: say('empty', lang) });
  const s = book.settings();
  const max = maxBytes(Number(s.attach_max_mb));
  if (size > max) {
    const text = say('size', lang, { size: (size / 1048576).toFixed(1), max: +(max / 1048576).toFixed(1) });
    return fail('invalid', text, { file: text });
  }
  const head = base64Head(data, 128 * 1024);
  const kind = sniffKind(head);
  if (!kind) return fail('invalid', say('kind', lang), { file: say('kind', lang) });
  // A thumbnail is only ever a JPEG the page drew; anything else is dropped, not stored.
  const thumb = typeof f.thumb === 'string' && f.thumb.length < 200_000 && base64Size(f.thumb) > 0 && sniffKind(base64Head(f.thumb, 8)) === 'jpeg' ? f.thumb : undefined;
  const rawName = String(f.name ?? '').trim().slice(0, 120);
  const name = rawName || `${id}.${KIND_EXT[kind]}`;
  const rec = book.load(register)?.records.find((r) => r.id === id && id !== '');
  if (!rec) return fail('not_found', msg('not_found', lang), { id: msg('not_found', lang) });
  const limit = Number(s.attach_max_files) || DEFAULT_SETTINGS.attach_max_files;
  if (parseAttachments(rec[ATTACHMENTS_FIELD]).length >= limit) return fail('invalid', say('count', lang, { max: limit }), { file: say('count', lang, { max: limit }) });
  const wall = exifTakenAt(head);
  const takenAt = wall ? isoInZone(momentOfWall(Date.parse(`${wall}Z`), book.tz), book.tz) : null;

  const where = folderTarget(book);
  let saved: ReturnType<Ports['files']['save']>;
  try {
    saved = ports.files.save(where.target, String(id), [{ name, mime: KIND_MIME[kind], base64: data, thumb }]);
  } catch (e) {
    if (!(e instanceof ExportFailed)) throw e;
    return fail('precondition', msg('drive_folder_refused', lang), { drive_folder_id: msg('drive_folder_refused', lang) });
  }
  const put = saved.files[0];
  const undo = () => [put.id, put.thumbId].forEach((x) => x && ports.files.remove(x));
  let r;
  try {
    r = guarded(ports, () => lang, () => {
      const fresh = new Book(ports);
      const loaded = fresh.load(register)!;
      const index = loaded.records.findIndex((x) => x.id === id);
      if (index < 0) return fail('not_found', msg('not_found', lang));
      const before = loaded.records[index];
      const lines = parseAttachments(before[ATTACHMENTS_FIELD]);
      // Two uploads racing for the last place: the second is refused here, under the lock.
      if (lines.length >= limit) return fail('invalid', say('count', lang, { max: limit }), { file: say('count', lang, { max: limit }) });
      const by = actor.name && actor.name !== actor.email ? `${actor.name} <${actor.email}>` : actor.email;
      const line = formatAttachment({ url: put.url, name, sha256: put.sha256, takenAt, uploadedAt: isoInZone(fresh.now, fresh.tz), by });
      const text = [String(before[ATTACHMENTS_FIELD] ?? '').trim(), line].filter(Boolean).join('\n');
      const after: Rec = { ...before, [ATTACHMENTS_FIELD]: text, [ATTACHMENT_COUNT_FIELD]: lines.length + 1, version: Number(before.version) + 1, updated_at: fresh.now, updated_by: actor.email };
      fresh.writeRecord(loaded, index, after);
      where.remember(saved.folder);
      recordHistory(fresh, [{ register, before, after, action: 'attach', note: say('file', lang, { name, sha: put.sha256 }) }]);
      return { ok: true as const, id: String(id), version: Number(after.version), count: lines.length + 1, file: { url: put.url, name, sha256: put.sha256, takenAt } };
    });
  } catch (e) {
    undo();
    throw e;
  }
  if (!r.ok) undo();
  return r;
}

/**
 * The record's files for its card, each with a thumbnail as a data: URI when there is one. The
 * sidebar runs in a sandboxed iframe on another origin, where Drive's own thumbnail links need
 * Google's third-party cookies; so the page draws a small JPEG at upload, it is kept beside the
 * file as "<id>.thumb.jpg", and this call reads it back. Under drive.file a run reaches only the
 * files the add-on made for this user: a colleague's photo shows as its name with a link.
 */
export function getAttachments(ports: Ports, register: unknown, id: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!isRegisterKey(register) || !isAttachable(register)) return fail('invalid', say('register', lang), { register: say('register', lang) });
  const def = REGISTERS[register];
  const actor = book.actor();
  const denied = denyRead(actor, lang, def);
  if (denied) return denied;
  const rec = book.load(register)?.records.find((r) => r.id === id && id !== '');
  if (!rec) return fail('not_found', msg('not_found', lang));
  const files = parseAttachments(rec[ATTACHMENTS_FIELD]);
  const ids = files.map((a) => /\/d\/([\w-]+)/.exec(a.url)?.[1] ?? '');
  const thumbs = ports.files.find(ids.filter(Boolean).map((x) => `${x}.thumb.jpg`));
  return {
    ok: true as const,
    canAttach: canAttach(actor, def),
    files: files.map((a, i) => {
      const t = ids[i] ? thumbs[`${ids[i]}.thumb.jpg`] : undefined;
      const b64 = t ? ports.files.read(t) : null;
      return { ...a, thumb: b64 ? `data:image/jpeg;base64,${b64}` : null };
    }),
  };
}

const PHOTO_TEXT = {
  pick: L('整改通知书最多放 2 张本记录的 JPEG 或 PNG 照片', '整改通知書最多放 2 張本記錄的 JPEG 或 PNG 照片', 'A rectification notice takes up to 2 JPEG or PNG photos of this record'),
  reach: L('无法从云端硬盘读取照片“{name}”：只有上传者本人可以把它放入文书', '無法從雲端硬碟讀取照片「{name}」：只有上傳者本人可以把它放入文書', 'Photo “{name}” cannot be read from Drive: only its uploader can put it in a notice'),
};

/**
 * The photos chosen for a rectification notice, read back from Drive as data: URIs for the notice's
 * HTML (the Doc import takes the image from the HTML itself). Only the record's own JPEG/PNG lines,
 * at most 2; a photo another user uploaded cannot be read under drive.file, and says so.
 */
export function noticePhotos(ports: Ports, rec: Rec, urls: unknown, lang: Lang) {
  if (urls === undefined || urls === null || (Array.isArray(urls) && !urls.length)) return [];
  const lines = parseAttachments(rec[ATTACHMENTS_FIELD]);
  const picked = Array.isArray(urls) && urls.length <= 2 ? urls.map((u) => lines.find((a) => a.url === u && u !== '')) : [undefined];
  const out: { src: string; caption: string }[] = [];
  for (const a of picked) {
    if (!a) return fail('invalid', PHOTO_TEXT.pick[lang], { photos: PHOTO_TEXT.pick[lang] });
    const b64 = ports.files.read(/\/d\/([\w-]+)/.exec(a.url)?.[1] ?? '');
    if (!b64) return fail('precondition', fill(PHOTO_TEXT.reach[lang], { name: a.name }), { photos: fill(PHOTO_TEXT.reach[lang], { name: a.name }) });
    const kind = sniffKind(base64Head(b64, 16));
    if (kind !== 'jpeg' && kind !== 'png') return fail('invalid', PHOTO_TEXT.pick[lang], { photos: PHOTO_TEXT.pick[lang] });
    const when = (a.takenAt ?? a.uploadedAt).slice(0, 16).replace('T', ' ');
    out.push({ src: `data:${KIND_MIME[kind]};base64,${b64}`, caption: `${a.name} ${when}` });
  }
  return out;
}
