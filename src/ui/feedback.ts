// How the sidebar reports: each line's tone (info grey, error red, done green) and the start-up text shown before the office language is known.

/** info: loading or empty; error: a refusal or failure, red like form errors; done: an action's result. */
export type Tone = 'info' | 'error' | 'done';

/** Sets a status line's text and tone; the tone, not the element's place, decides its colour. */
export function tell(node: HTMLElement, text: string, tone: Tone = 'error'): void {
  node.textContent = text;
  node.dataset.tone = tone;
}

/** Empties a line, e.g. an action's result once the next action starts. */
export function hush(node: HTMLElement): void {
  node.textContent = '';
  delete node.dataset.tone;
}

/**
 * "正在加载…" while the first call is under way: the office language comes with that call, so the
 * browser's language picks the words until then.
 */
export function bootText(browserLang: string | undefined): string {
  const l = (browserLang ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(l)) return '正在載入…';
  if (l.startsWith('zh') || !l) return '正在加载…';
  return 'Loading…';
}
