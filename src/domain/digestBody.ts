// The digest's HTML and text bodies, built in code: the same stacked blocks the Handlebars template drew, at a third of its compiled size (the deployed bundle has a hard 300 KB budget).
import { escapeHtml as h } from './escape';

export interface DigestItem {
  what: string;
  owner: string;
  content: string;
  when: string;
  due: string;
  url: string;
  link: string;
  urgent: boolean;
  late: boolean;
}

export interface DigestModel {
  lang: string;
  subject: string;
  footer: string;
  font: string;
  summary: string;
  note: string;
  items: DigestItem[];
  more: string;
}

/** One item as a block: the rule, owner · lateness, the content, then the row link and due time. */
function block(i: DigestItem): string {
  const cell = `padding:10px 12px;border:1px solid #dadce0;border-left:4px solid ${i.late ? '#d93025' : '#1a73e8'};${i.urgent ? 'background:#fce8e6;' : ''}overflow-wrap:anywhere;word-break:break-word;`;
  const owner = i.owner ? `<span style="color:#3c4043;">${h(i.owner)}</span> · ` : '';
  const when = `<span style="color:${i.late ? '#c5221f' : '#5f6368'};${i.urgent ? 'font-weight:bold;' : ''}">${h(i.when)}</span>`;
  const content = i.content ? `<div style="margin-top:4px;">${h(i.content)}</div>` : '';
  const due = i.due ? ` <span style="color:#5f6368;white-space:nowrap;">${h(i.due)}</span>` : '';
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;table-layout:fixed;border-collapse:separate;margin:0 0 10px;">\n` +
    `<tr><td style="${cell}">\n<div style="font-weight:bold;">${h(i.what)}</div>\n<div style="font-size:14px;margin-top:2px;">${owner}${when}</div>\n${content}` +
    `<div style="font-size:13px;margin-top:6px;"><a href="${h(i.url)}" style="color:#1a73e8;white-space:nowrap;">${h(i.link)}</a>${due}</div>\n</td></tr>\n</table>\n`
  );
}

/** Email-safe HTML: inline styles only, one column, so it reads on a 390 px phone. Every value is escaped. */
export function digestHtml(m: DigestModel): string {
  const note = m.note ? `<p style="margin:0 0 12px;padding:8px 10px;background:#fef7e0;color:#5f4b00;font-size:14px;">${h(m.note)}</p>` : '';
  const more = m.more ? `<p style="margin:0 0 10px;color:#5f6368;font-size:13px;">${h(m.more)}</p>` : '';
  return (
    `<!doctype html>\n<html lang="${h(m.lang)}">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(m.subject)}</title></head>\n` +
    `<body style="margin:0;padding:12px;font-family:${h(m.font)};font-size:15px;line-height:1.5;color:#202124;background:#ffffff;">\n<div style="max-width:600px;margin:0 auto;">\n` +
    `<p style="margin:0 0 12px;font-size:16px;font-weight:bold;">${h(m.summary)}</p>\n${note}\n${m.items.map(block).join('')}${more}\n` +
    `<p style="color:#5f6368;font-size:12px;margin:16px 0 0;">${h(m.footer)}</p>\n</div>\n</body>\n</html>\n`
  );
}

/** The plain-text body: the same lines, one block per item, the link's URL on its own line. */
export function digestText(m: DigestModel): string {
  const items = m.items.map((i) => `\n${i.what}\n${i.owner ? `${i.owner} · ` : ''}${i.when}\n${i.content ? `${i.content}\n` : ''}${i.link}${i.due ? ` · ${i.due}` : ''}\n${i.url}\n`);
  return `${m.summary}\n${m.note ? `${m.note}\n` : ''}${items.join('')}${m.more ? `\n${m.more}\n` : ''}\n${m.footer}\n`;
}
