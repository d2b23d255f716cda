// DriveApp, the Drive v3 advanced service and MimeType: an in-memory drive kept in the workbook; Docs hold HTML, PDFs become requests.
import { instrument, type HostCore, type Like } from './core';
import { googleId, type DriveItem, type DrivePermission, type Workbook } from './model';
import { FakeBlob, pdfBlob } from './utilities';

export const MimeType = {
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DRAWINGS: 'application/vnd.google-apps.drawing',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_SITES: 'application/vnd.google-apps.site',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: 'application/vnd.google-apps.folder',
  SHORTCUT: 'application/vnd.google-apps.shortcut',
  BMP: 'image/bmp',
  GIF: 'image/gif',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  SVG: 'image/svg+xml',
  PDF: 'application/pdf',
  CSS: 'text/css',
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PLAIN_TEXT: 'text/plain',
  RTF: 'application/rtf',
  OPENDOCUMENT_TEXT: 'application/vnd.oasis.opendocument.text',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ZIP: 'application/zip',
} as const;

const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const ROOT_FOLDER_ID = 'root';

function urlOf(item: DriveItem): string {
  if (item.mimeType === MimeType.FOLDER) return `https://drive.google.com/drive/folders/${item.id}`;
  if (item.mimeType === MimeType.GOOGLE_DOCS) return `https://docs.google.com/document/d/${item.id}/edit?usp=drivesdk`;
  return `https://drive.google.com/file/d/${item.id}/view?usp=drivesdk`;
}

function find(h: HostCore, id: string, folder: boolean): DriveItem {
  const item = h.workbook.drive.items.find((i) => i.id === id && (i.mimeType === MimeType.FOLDER) === folder);
  if (!item) h.fail(NOT_FOUND);
  return item;
}

function addItem(h: HostCore, item: Omit<DriveItem, 'id' | 'createdAt' | 'owner'>): DriveItem {
  const full: DriveItem = { ...item, id: googleId(33), createdAt: new Date(h.now()).toISOString(), owner: h.user };
  h.workbook.drive.items.push(full);
  return full;
}

function fileFromBlob(h: HostCore, blob: unknown, parent: string): FakeFile {
  if (!(blob instanceof FakeBlob)) h.fail('Invalid argument: blob');
  const b = blob as FakeBlob;
  const type = b.getContentType() ?? 'application/octet-stream';
  const item = addItem(h, {
    name: b.getName() ?? 'Untitled',
    mimeType: type,
    parents: [parent],
    dataBase64: b._buffer().toString('base64'),
    pdfOf: b.pdfRequest ? b.pdfRequest.docId || undefined : undefined,
  });
  if (b.pdfRequest) b.pdfRequest.fileId = item.id;
  return new FakeFile(h, item);
}

type DriveAppKeys = 'createFolder' | 'getFolderById' | 'getFileById' | 'getFoldersByName' | 'getFilesByName' | 'getRootFolder' | 'createFile';

export class FakeDriveApp implements Like<GoogleAppsScript.Drive.DriveApp, DriveAppKeys> {
  constructor(readonly h: HostCore) {}
  createFolder(name: string) {
    return new FakeFolder(this.h, addItem(this.h, { name: String(name), mimeType: MimeType.FOLDER, parents: [ROOT_FOLDER_ID] }));
  }
  getFolderById(id: string) {
    if (id === ROOT_FOLDER_ID) return this.getRootFolder();
    return new FakeFolder(this.h, find(this.h, String(id), true));
  }
  getFileById(id: string) {
    return new FakeFile(this.h, find(this.h, String(id), false));
  }
  getFoldersByName(name: string) {
    const items = this.h.workbook.drive.items.filter((i) => i.mimeType === MimeType.FOLDER && i.name === name && !i.trashed);
    return iterator(items.map((i) => new FakeFolder(this.h, i))) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  getFilesByName(name: string) {
    const items = this.h.workbook.drive.items.filter((i) => i.mimeType !== MimeType.FOLDER && i.name === name && !i.trashed);
    return iterator(items.map((i) => new FakeFile(this.h, i))) as unknown as GoogleAppsScript.Drive.FileIterator;
  }
  getRootFolder() {
    return new FakeFolder(this.h, { id: ROOT_FOLDER_ID, name: 'My Drive', mimeType: MimeType.FOLDER, parents: [], createdAt: '', owner: this.h.user });
  }
  createFile(a: unknown, content?: string, mimeType?: string) {
    if (typeof a === 'string') return fileFromBlob(this.h, new FakeBlob(this.h, Buffer.from(content ?? '', 'utf8'), mimeType ?? 'text/plain', a), ROOT_FOLDER_ID);
    return fileFromBlob(this.h, a, ROOT_FOLDER_ID);
  }
}

function iterator<T>(items: T[]) {
  let i = 0;
  return { hasNext: () => i < items.length, next: () => items[i++], getContinuationToken: () => String(i) };
}

/** What Drive folders and files share: identity, name, link and the trash flag. */
abstract class DriveEntry {
  constructor(
    readonly h: HostCore,
    readonly item: DriveItem,
  ) {}
  getId() {
    return this.item.id;
  }
  getName() {
    return this.item.name;
  }
  setName(name: string) {
    this.item.name = String(name);
    return this;
  }
  getUrl() {
    return urlOf(this.item);
  }
  setTrashed(trashed: boolean) {
    this.item.trashed = Boolean(trashed);
    return this;
  }
  isTrashed() {
    return Boolean(this.item.trashed);
  }
}

type FolderKeys = 'getId' | 'getName' | 'setName' | 'getUrl' | 'createFile' | 'createFolder' | 'getFiles' | 'getFilesByName' | 'getFolders' | 'setTrashed' | 'isTrashed';

export class FakeFolder extends DriveEntry implements Like<GoogleAppsScript.Drive.Folder, FolderKeys> {
  /** createFile(blob) or createFile(name, content[, mimeType]). */
  createFile(a: unknown, content?: string, mimeType?: string) {
    if (typeof a === 'string') return fileFromBlob(this.h, new FakeBlob(this.h, Buffer.from(content ?? '', 'utf8'), mimeType ?? 'text/plain', a), this.item.id);
    return fileFromBlob(this.h, a, this.item.id);
  }
  createFolder(name: string) {
    return new FakeFolder(this.h, addItem(this.h, { name: String(name), mimeType: MimeType.FOLDER, parents: [this.item.id] }));
  }
  getFiles() {
    return iterator(this._children(false).map((i) => new FakeFile(this.h, i))) as unknown as GoogleAppsScript.Drive.FileIterator;
  }
  getFilesByName(name: string) {
    return iterator(this._children(false).filter((i) => i.name === name).map((i) => new FakeFile(this.h, i))) as unknown as GoogleAppsScript.Drive.FileIterator;
  }
  getFolders() {
    return iterator(this._children(true).map((i) => new FakeFolder(this.h, i))) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  _children(folders: boolean): DriveItem[] {
    return this.h.workbook.drive.items.filter((i) => i.parents.includes(this.item.id) && (i.mimeType === MimeType.FOLDER) === folders && !i.trashed);
  }
}

type FileKeys = 'getId' | 'getName' | 'setName' | 'getUrl' | 'getAs' | 'getBlob' | 'getMimeType' | 'getSize' | 'setTrashed' | 'isTrashed' | 'getDateCreated';

export class FakeFile extends DriveEntry implements Like<GoogleAppsScript.Drive.File, FileKeys> {
  /** A Google Doc as application/pdf: a PDF blob, and a request {docId, html, name} in host.pdfRequests. */
  getAs(contentType: string) {
    if (this.item.mimeType === MimeType.GOOGLE_DOCS) {
      if (contentType !== MimeType.PDF && contentType !== MimeType.HTML && contentType !== MimeType.PLAIN_TEXT)
        this.h.fail(`Converting from ${this.item.mimeType} to ${contentType} is not supported.`);
      if (contentType === MimeType.PDF) return pdfBlob(this.h, this.item.id, this.item.name, this.item.html ?? '');
      return new FakeBlob(this.h, Buffer.from(this.item.html ?? '', 'utf8'), contentType, `${this.item.name}.${contentType === MimeType.HTML ? 'html' : 'txt'}`);
    }
    return this._blob().getAs(contentType);
  }
  getBlob() {
    return this._blob();
  }
  getMimeType() {
    return this.item.mimeType;
  }
  getSize() {
    return this.item.dataBase64 ? Buffer.from(this.item.dataBase64, 'base64').length : 0;
  }
  getDateCreated() {
    return this.h.vmDate(Date.parse(this.item.createdAt)) as unknown as GoogleAppsScript.Base.Date;
  }
  _blob(): FakeBlob {
    if (this.item.mimeType === MimeType.GOOGLE_DOCS) return this.getAs(MimeType.PDF) as FakeBlob;
    return new FakeBlob(this.h, Buffer.from(this.item.dataBase64 ?? '', 'base64'), this.item.mimeType, this.item.name);
  }
}

interface FileResource {
  name?: string;
  title?: string;
  mimeType?: string;
  parents?: (string | { id: string })[];
}

type Role = 'owner' | 'writer' | 'commenter' | 'reader';
const RANK: Record<Role, number> = { reader: 1, commenter: 2, writer: 3, owner: 4 };

/** The item an id, or a Doc/PDF/folder link, names. */
function itemOf(wb: Workbook, idOrUrl: string): DriveItem | undefined {
  const id = /\/d\/([\w-]+)|\/folders\/([\w-]+)/.exec(idOrUrl)?.slice(1).find(Boolean) ?? idOrUrl;
  return wb.drive.items.find((i) => i.id === id);
}

/**
 * What a person may do with a Drive item when they open it in the browser: its creator owns it;
 * anyone else only through a permission on it or on a folder above it (Drive's inheritance).
 */
export function driveAccess(wb: Workbook, email: string, idOrUrl: string): Role | null {
  const who = email.toLowerCase();
  let best: Role | null = null;
  const seen = new Set<string>();
  const walk = (item: DriveItem | undefined): void => {
    if (!item || seen.has(item.id)) return;
    seen.add(item.id);
    const role: Role | undefined = item.owner.toLowerCase() === who ? 'owner' : item.permissions?.find((p) => p.emailAddress.toLowerCase() === who)?.role;
    if (role && (!best || RANK[role] > RANK[best])) best = role;
    for (const p of item.parents) walk(wb.drive.items.find((i) => i.id === p));
  };
  walk(itemOf(wb, idOrUrl));
  return best;
}

/** An advanced-service failure as Apps Script throws it: GoogleJsonResponseException with the API's message. */
function apiError(h: HostCore, call: string, code: number, message: string): never {
  const e = h.error(`API call to ${call} failed with error: ${message}`, 'GoogleJsonResponseException') as Error & { details?: unknown };
  e.details = h.data({ code, message });
  throw e;
}

/**
 * The item the script may use through the Drive API under the drive.file scope. Google grants
 * drive.file access per file AND per user ("File authorization is granted on a per-user basis"):
 * the app reaches what it created for this user (or what this user picked in Drive's picker,
 * which the add-on never uses). A folder another clerk's run created is "File not found" to this
 * user's run even when it is shared with them; sharing lets a person open it in the browser
 * (see driveAccess), not the script.
 */
function reach(h: HostCore, call: string, id: string, need: Role): DriveItem {
  const item = h.workbook.drive.items.find((i) => i.id === id && !i.trashed);
  if (!item || item.owner !== h.user) return apiError(h, call, 404, `File not found: ${id}.`);
  const role = driveAccess(h.workbook, h.user, id);
  if (!role || RANK[role] < RANK[need]) return apiError(h, call, 403, 'The user does not have sufficient permissions for this file.');
  return item;
}

const fileResource = (item: DriveItem) => ({ kind: 'drive#file', id: item.id, name: item.name, mimeType: item.mimeType, parents: item.parents, webViewLink: urlOf(item) });

type FilesKeys = 'create' | 'get' | 'export' | 'remove' | 'list';

/**
 * The part of Drive's query language the add-on uses: terms joined by "and", a term being
 * name = '…', mimeType = '…', '<id>' in parents, trashed = true|false, or such terms joined by
 * "or" in parentheses. Anything else is refused as Drive refuses a query it cannot read.
 */
function queryMatcher(h: HostCore, q: string): (i: DriveItem) => boolean {
  const bad = (): never => apiError(h, 'drive.files.list', 400, 'Invalid Value');
  const tokens = q.match(/'(?:\\.|[^'\\])*'|\(|\)|[^\s()']+/g) ?? [];
  let at = 0;
  const text = (t: string | undefined) => (t && /^'.*'$/.test(t) ? t.slice(1, -1).replace(/\\(.)/g, '$1') : bad());
  const term = (): ((i: DriveItem) => boolean) => {
    if (tokens[at] === '(') {
      at++;
      const parts = [term()];
      while (tokens[at] === 'or') (at++, parts.push(term()));
      if (tokens[at++] !== ')') bad();
      return (i) => parts.some((p) => p(i));
    }
    const [a, op, b] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    at += 3;
    if (op === 'in' && b === 'parents') {
      const id = text(a);
      return (i) => i.parents.includes(id);
    }
    if (op !== '=') return bad();
    if (a === 'trashed' && (b === 'true' || b === 'false')) return (i) => Boolean(i.trashed) === (b === 'true');
    if (a === 'name') {
      const v = text(b);
      return (i) => i.name === v;
    }
    if (a === 'mimeType') {
      const v = text(b);
      return (i) => i.mimeType === v;
    }
    return bad();
  };
  const all = [term()];
  while (tokens[at] === 'and') (at++, all.push(term()));
  if (at !== tokens.length) bad();
  return (i) => all.every((p) => p(i));
}

/** The Drive advanced service (v3): Files.create imports text/html as a Google Doc holding that HTML. */
export class FakeDriveFiles implements Like<GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection, FilesKeys> {
  constructor(readonly h: HostCore) {}
  create(resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File, mediaData?: unknown, _optionalArgs?: Record<string, unknown>) {
    const h = this.h;
    const res = resource as FileResource;
    const blob = mediaData instanceof FakeBlob ? mediaData : null;
    const parents = (res.parents ?? [ROOT_FOLDER_ID]).map((p) => (typeof p === 'string' ? p : p.id));
    for (const p of parents) if (p !== ROOT_FOLDER_ID) reach(h, 'drive.files.create', p, 'writer');
    const mimeType = res.mimeType ?? blob?.getContentType() ?? 'application/octet-stream';
    const name = res.name ?? res.title ?? blob?.getName() ?? 'Untitled';
    let item: DriveItem;
    if (mimeType === MimeType.GOOGLE_DOCS) {
      const source = blob?.getContentType() ?? 'text/html';
      if (blob && source !== 'text/html' && source !== 'text/plain') h.fail(`Import from ${source} to a Google Doc is not supported by the local host.`);
      const html = blob ? blob.getDataAsString() : '';
      item = addItem(h, { name, mimeType, parents, html: h.quirk('doc-drops-images') ? html.replace(/<img\b[^>]*\bsrc\s*=\s*["']?data:[^>]*>/gi, '') : html });
    } else {
      item = addItem(h, { name, mimeType, parents, dataBase64: blob ? blob._buffer().toString('base64') : '' });
    }
    return h.data(fileResource(item));
  }
  /** Metadata, or with {alt: 'media'} the file's bytes as a Blob (a Google Doc has none: Drive says use export). */
  get(fileId: string, optionalArgs?: Record<string, unknown>) {
    const item = reach(this.h, 'drive.files.get', fileId, 'reader');
    if (optionalArgs?.alt !== 'media') return this.h.data(fileResource(item));
    if (item.mimeType.startsWith('application/vnd.google-apps.')) apiError(this.h, 'drive.files.get', 403, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
    const blob = new FakeBlob(this.h, Buffer.from(item.dataBase64 ?? '', 'base64'), item.mimeType, item.name);
    return this.h.quirk('export-string') ? blob._buffer().toString('latin1') : blob;
  }
  /** files.list under drive.file: only what the app made for this user, filtered by the query (see queryMatcher). */
  list(optionalArgs?: Record<string, unknown>) {
    const h = this.h;
    const match = optionalArgs?.q ? queryMatcher(h, String(optionalArgs.q)) : () => true;
    const size = Math.min(Number(optionalArgs?.pageSize) || 100, 1000);
    const hits = h.workbook.drive.items.filter((i) => i.owner === h.user && match(i)).slice(0, size);
    return h.data({ kind: 'drive#fileList', files: hits.map(fileResource) });
  }
  /**
   * files.export: a Google Doc as PDF (recorded in host.pdfRequests) or HTML. Live Apps Script
   * refuses it without {alt: 'media'} ("Export requires alt=media…"), so the fake does too.
   * Quirk export-string: the content comes back as a string holding one byte per character.
   */
  export(fileId: string, mimeType: string, optionalArgs?: { alt?: string }) {
    const h = this.h;
    if (optionalArgs?.alt !== 'media') apiError(h, 'drive.files.export', 400, 'Export requires alt=media to download the exported content.');
    const item = reach(h, 'drive.files.export', fileId, 'reader');
    if (item.mimeType !== MimeType.GOOGLE_DOCS) apiError(h, 'drive.files.export', 403, 'Export only supports Docs Editors files.');
    let blob: FakeBlob;
    if (mimeType === MimeType.PDF) blob = pdfBlob(h, item.id, item.name, item.html ?? '');
    else if (mimeType === MimeType.HTML) blob = new FakeBlob(h, Buffer.from(item.html ?? '', 'utf8'), mimeType, `${item.name}.html`);
    else return apiError(h, 'drive.files.export', 400, 'The requested conversion is not supported.');
    return h.quirk('export-string') ? blob._buffer().toString('latin1') : blob;
  }
  remove(fileId: string, _optionalArgs?: Record<string, unknown>) {
    const item = reach(this.h, 'drive.files.delete', fileId, 'owner');
    this.h.workbook.drive.items = this.h.workbook.drive.items.filter((i) => i !== item && !i.parents.includes(item.id));
  }
}

type PermissionsKeys = 'create' | 'list';

/** Drive.Permissions (v3): sharing what the app created; under drive.file only on files the app reaches. */
export class FakeDrivePermissions implements Like<GoogleAppsScript.Drive_v3.Drive.V3.Collection.PermissionsCollection, PermissionsKeys> {
  /** The sendNotificationEmail values asked for, for tests (an email per share would flood staff). */
  readonly notified: boolean[] = [];
  constructor(readonly h: HostCore) {}
  create(resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission, fileId: string, optionalArgs?: Record<string, unknown>) {
    const h = this.h;
    const item = reach(h, 'drive.permissions.create', fileId, 'writer');
    const role = String(resource.role ?? '');
    const email = String(resource.emailAddress ?? '').trim();
    if (resource.type !== 'user') apiError(h, 'drive.permissions.create', 400, 'The local host shares with users only (type "user").');
    if (!['writer', 'commenter', 'reader'].includes(role)) apiError(h, 'drive.permissions.create', 400, `Invalid value for: ${role || 'role'} is not a valid value`);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) apiError(h, 'drive.permissions.create', 400, `Bad Request. User message: "${email} is not a valid email address."`);
    this.notified.push(optionalArgs?.sendNotificationEmail !== false);
    item.permissions ??= [];
    let perm = item.permissions.find((p) => p.emailAddress.toLowerCase() === email.toLowerCase());
    if (perm) perm.role = role as DrivePermission['role'];
    else item.permissions.push((perm = { id: googleId(20), type: 'user', role: role as DrivePermission['role'], emailAddress: email }));
    return h.data({ kind: 'drive#permission', ...perm });
  }
  list(fileId: string, _optionalArgs?: Record<string, unknown>) {
    const item = reach(this.h, 'drive.permissions.list', fileId, 'reader');
    const owner = { kind: 'drive#permission', id: 'owner', type: 'user', role: 'owner', emailAddress: item.owner };
    return this.h.data({ kind: 'drive#permissionList', permissions: [owner, ...(item.permissions ?? []).map((p) => ({ kind: 'drive#permission', ...p }))] });
  }
}

instrument(FakeDriveApp, 'DriveApp');
instrument(FakeFolder, 'DriveApp.Folder');
instrument(FakeFile, 'DriveApp.File');
instrument(FakeDriveFiles, 'Drive.Files');
instrument(FakeDrivePermissions, 'Drive.Permissions');
