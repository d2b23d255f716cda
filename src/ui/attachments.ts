// The record card's 附件: its photos (thumbnails) and PDFs, and the camera and file inputs that attach more, one file per call.
import { call, errorText } from './bridge';
import { el, replace } from './dom';
import { tell } from './feedback';
import { displayTime, failureMessage } from './forms';
import type { RecordInfo, RegisterInfo, Reply } from './contract';

type Say = (key: string, params?: Record<string, string | number>) => string;
type Kit = { T: Say; text: Record<string, string>; offset: string };
interface Listed {
  url: string;
  name: string;
  takenAt: string | null;
  uploadedAt: string;
  by: string;
  thumb: string | null;
}

const ATTACHABLE = ['violations', 'complaints', 'requests', 'emergency_entries'];
/** domain/upload HARD_MAX_MB: past it the file is refused here, before it is read or sent. */
const HARD_MAX = 20 * 1024 * 1024;

/** Folded under the card, like its timeline; loaded when first opened. */
export function attachmentsOf(reg: RegisterInfo, rec: RecordInfo, kit: Kit): HTMLElement | null {
  if (!rec.id || !ATTACHABLE.includes(reg.key)) return null;
  const count = Number(rec.fields.attachment_count) || 0;
  const body = el('div', { class: 'slot' });
  const summary = el('summary', {}, count ? `${kit.T('attach.title')}（${count}）` : kit.T('attach.title'));
  const box = el('details', { class: 'more', 'data-history': 'attachments' }, summary, body);
  let loaded = false;
  box.addEventListener('toggle', () => {
    if (!box.open || loaded) return;
    loaded = true;
    void load(reg, rec, body, summary, kit);
  });
  return box;
}

async function load(reg: RegisterInfo, rec: RecordInfo, body: HTMLElement, summary: HTMLElement, kit: Kit): Promise<void> {
  const status = el('p', { class: 'message', role: 'status' });
  replace(body, status);
  tell(status, kit.T('ui.loading'), 'info');
  try {
    const reply = await call<Reply<{ files: Listed[]; canAttach: boolean }>>('getAttachments', reg.key, rec.id);
    if (!reply.ok) return tell(status, failureMessage(reply, kit.text));
    summary.textContent = reply.files.length ? `${kit.T('attach.title')}（${reply.files.length}）` : kit.T('attach.title');
    const list = el('ul', { class: 'files', 'data-testid': 'attachments' }, ...reply.files.map((f) => item(f, kit)));
    tell(status, reply.files.length ? '' : kit.T('attach.none'), 'info');
    replace(body, reply.files.length ? list : status, reply.canAttach ? picker(reg, rec, body, summary, kit) : null, reply.files.length ? status : null);
  } catch (e) {
    tell(status, kit.T('err.network', { message: errorText(e) }));
  }
}

/** A thumbnail where the server had one (JPEG/PNG it reached); HEIC, PDF and a colleague's photo show an icon and the name. */
function item(f: Listed, kit: Kit): HTMLElement {
  // The cell can be typed into: only a web link becomes a link (never javascript: or the like).
  const href = /^https:\/\//i.test(f.url) ? f.url : undefined;
  const pic = f.thumb ? el('img', { src: f.thumb, alt: f.name, class: 'thumb' }) : el('span', { class: 'thumb icon', 'aria-hidden': 'true' }, (/\.(\w{1,4})$/.exec(f.name)?.[1] ?? 'FILE').toUpperCase());
  const times = [f.takenAt ? kit.T('attach.taken', { at: displayTime(f.takenAt, kit.offset) }) : '', kit.T('attach.uploaded', { at: displayTime(f.uploadedAt, kit.offset) })].filter(Boolean).join(' · ');
  return el(
    'li',
    {},
    el('a', { href, target: '_blank', rel: 'noopener' }, pic),
    el('div', {}, el('a', { href, target: '_blank', rel: 'noopener', class: 'name' }, f.name || f.url), el('div', { class: 'hint' }, times)),
  );
}

/**
 * Two inputs: the camera (accept image/*, capture: a phone opens its camera) and any photo or PDF
 * (a PC has no camera, and capture would hide PDFs). Files go one per call, so each stays within
 * what one google.script.run call carries.
 */
function picker(reg: RegisterInfo, rec: RecordInfo, body: HTMLElement, summary: HTMLElement, kit: Kit): HTMLElement {
  const status = el('p', { class: 'message', role: 'status', 'data-testid': 'attach-status' });
  const input = (label: string, attrs: Record<string, string>) => {
    const i = el('input', { type: 'file', class: 'file-input', ...attrs }) as HTMLInputElement;
    i.addEventListener('change', () => void send(Array.from(i.files ?? []), i));
    return el('label', { class: 'button file-button' }, label, i);
  };
  const send = async (files: File[], from: HTMLInputElement) => {
    if (!files.length) return;
    from.disabled = true;
    let done = 0;
    for (const file of files) {
      if (file.size > HARD_MAX) {
        tell(status, kit.T('attach.too_big', { name: file.name, max: HARD_MAX / 1048576 }));
        continue;
      }
      tell(status, kit.T('attach.sending', { name: file.name }), 'info');
      try {
        const data = await base64Of(file);
        const thumb = await thumbnailOf(file);
        const r = await call<Reply<{ version: number }>>('attachFile', reg.key, rec.id, { name: file.name, data, ...(thumb ? { thumb } : {}) });
        if (!r.ok) {
          tell(status, `${file.name}：${failureMessage(r, kit.text)}`);
          from.disabled = false;
          from.value = '';
          return;
        }
        // The record's version moved: an edit opened from this card must send the new one.
        rec.version = r.version;
        done++;
      } catch (e) {
        tell(status, kit.T('err.network', { message: errorText(e) }));
        break;
      }
    }
    from.disabled = false;
    from.value = '';
    if (done) {
      await load(reg, rec, body, summary, kit);
      tell(body.querySelector('[data-testid="attach-status"]') as HTMLElement, kit.T('attach.done', { count: done }), 'done');
    }
  };
  return el(
    'div',
    { class: 'attach' },
    el(
      'div',
      { class: 'actions' },
      input(kit.T('attach.camera'), { accept: 'image/*', capture: 'environment', 'data-testid': 'attach-camera' }),
      input(kit.T('attach.file'), { accept: 'image/jpeg,image/png,image/heic,.heic,application/pdf', multiple: 'multiple', 'data-testid': 'attach-file' }),
    ),
    status,
  );
}

function base64Of(file: File): Promise<string> {
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => fail(r.error);
    r.readAsDataURL(file);
  });
}

/**
 * A JPEG at most 160 px on its long side, drawn here (the server cannot resize images). Decoded
 * with createImageBitmap, which needs no blob: URL (the sidebar's CSP allows images from data: and
 * https: only). None when the browser cannot decode the file (HEIC in Chrome) or lacks the call.
 */
async function thumbnailOf(file: File): Promise<string | null> {
  if (!/^image\/(jpeg|png)$/.test(file.type) || typeof createImageBitmap !== 'function') return null;
  try {
    const img = await createImageBitmap(file);
    const scale = Math.min(1, 160 / Math.max(img.width, img.height, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.width * scale));
    canvas.height = Math.max(1, Math.round(img.height * scale));
    canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
    img.close();
    return canvas.toDataURL('image/jpeg', 0.7).replace(/^data:[^,]*,/, '');
  } catch {
    return null;
  }
}

/**
 * The rectification notice's photos: the record's JPEG and PNG files as checkboxes, at most 2
 * ticked (the server checks again). Loaded when the notice panel opens; empty when there are none.
 */
export function photoChooser(reg: RegisterInfo, rec: RecordInfo, kit: Kit, changed: () => void): { node: HTMLElement; chosen: () => string[] } {
  const node = el('fieldset', { class: 'photos', 'data-testid': 'notice-photos', hidden: true });
  const boxes: HTMLInputElement[] = [];
  void (async () => {
    try {
      const reply = await call<Reply<{ files: Listed[] }>>('getAttachments', reg.key, rec.id);
      const photos = reply.ok ? reply.files.filter((f) => /\.(jpe?g|png)$/i.test(f.name)) : [];
      if (!photos.length) return;
      const rows = photos.map((f) => {
        const box = el('input', { type: 'checkbox', value: f.url }) as HTMLInputElement;
        box.addEventListener('change', () => {
          const ticked = boxes.filter((b) => b.checked).length;
          for (const b of boxes) b.disabled = !b.checked && ticked >= 2;
          changed();
        });
        boxes.push(box);
        return el('label', { class: 'photo' }, box, f.thumb ? el('img', { src: f.thumb, alt: '', class: 'thumb' }) : null, f.name);
      });
      replace(node, el('legend', {}, kit.T('notice.photos')), ...rows);
      node.hidden = false;
    } catch {
      // No photos offered: the notice is made without them.
    }
  })();
  return { node, chosen: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}
