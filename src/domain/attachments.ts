// 附件: a record's files as lines of its 附件 column (link, name, SHA-256, capture and upload time, who), read back the same way.

/** One file kept on a record. Times are ISO strings with the office offset; takenAt is the photo's EXIF time, when it had one. */
export interface Attachment {
  url: string;
  name: string;
  sha256: string;
  takenAt: string | null;
  uploadedAt: string;
  by: string;
}

/** The registers whose records take photos and PDFs (issue 13), and the field keys they carry them in. */
export const ATTACHABLE = ['violations', 'complaints', 'requests', 'emergency_entries'] as const;
export const ATTACHMENTS_FIELD = 'attachments';
export const ATTACHMENT_COUNT_FIELD = 'attachment_count';

const SEP = ' · ';
/** A name can hold anything a phone calls a file; the separator and line breaks are what would break a line. */
const cleanName = (name: string): string => name.replace(/[\r\n\t]+/g, ' ').split(SEP.trim()).join('-').trim() || 'file';

/** url · name · sha256:<hex> · taken:<iso|-> · at:<iso> · by — one line per file, the link first so a person can follow it. */
export const formatAttachment = (a: Attachment): string =>
  [a.url, cleanName(a.name), `sha256:${a.sha256}`, `taken:${a.takenAt ?? '-'}`, `at:${a.uploadedAt}`, a.by.replace(/[\r\n]+/g, ' ')].join(SEP);

/** The lines back as files; a line someone typed by hand without the tags keeps its link and the rest blank. */
export function parseAttachments(text: unknown): Attachment[] {
  const out: Attachment[] = [];
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const parts = line.trim().split(SEP.trim()).map((p) => p.trim());
    if (!parts[0]) continue;
    const tag = (name: string) => parts.find((p) => p.startsWith(`${name}:`))?.slice(name.length + 1) ?? '';
    const taken = tag('taken');
    out.push({
      url: parts[0],
      name: parts[1] && !/^(sha256|taken|at):/.test(parts[1]) ? parts[1] : '',
      sha256: tag('sha256'),
      takenAt: taken && taken !== '-' ? taken : null,
      uploadedAt: tag('at'),
      by: parts.length >= 6 ? parts.slice(5).join(SEP) : '',
    });
  }
  return out;
}
