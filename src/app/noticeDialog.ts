// showNoticeDialog: the notice preview full-size in a modal dialog, the same escaped HTML the sidebar's small frame shows.
import { Book } from './book';
import { previewNotice } from './notices';
import type { Ports } from '../ports';
import { noticeDef } from '../domain/notices';

/** A4 at 96 dpi is 794 px wide; the rest is the dialog's margin. Google shrinks a dialog to the window if needed. */
const WIDTH = 860;
const HEIGHT = 760;

/** Checks exactly as previewNotice does (role, record, what the notice still needs), then opens the dialog. */
export function showNoticeDialog(ports: Ports, register: unknown, id: unknown, template: unknown) {
  const preview = previewNotice(ports, register, id, template);
  if (!preview.ok) return preview;
  const lang = new Book(ports).lang;
  const title = `${noticeDef(String(template))?.label[lang] ?? ''} ${String(id)}`.trim();
  ports.ui.showDialog(preview.previewHtml, title, WIDTH, HEIGHT);
  return { ok: true as const };
}
