// HtmlService fake: outputs from dist/*.html files or strings, and simple <?= ?> templates evaluated inside the script's vm.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { instrument, type HostCore, type Like } from './core';
import { FakeBlob, pdfBlob } from './utilities';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

type ServiceKeys = 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile';

export class FakeHtmlService implements Like<GoogleAppsScript.HTML.HtmlService, ServiceKeys> {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(readonly h: HostCore) {}
  createHtmlOutput(html?: unknown) {
    const text = html === undefined ? '' : html instanceof FakeBlob ? html.getDataAsString() : String(html);
    return new FakeHtmlOutput(this.h, text);
  }
  /** Reads <htmlDir>/<filename>.html (the build's dist/ by default). */
  createHtmlOutputFromFile(filename: string) {
    return new FakeHtmlOutput(this.h, this._read(filename));
  }
  createTemplate(html: unknown) {
    return new FakeHtmlTemplate(this.h, html instanceof FakeBlob ? html.getDataAsString() : String(html));
  }
  createTemplateFromFile(filename: string) {
    return new FakeHtmlTemplate(this.h, this._read(filename));
  }
  _read(filename: string): string {
    const name = String(filename);
    const file = path.join(this.h.htmlDir, name.endsWith('.html') ? name : `${name}.html`);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return this.h.fail(`No HTML file named ${name} was found.`);
    }
  }
}

type OutputKeys =
  | 'setTitle'
  | 'getTitle'
  | 'setWidth'
  | 'getWidth'
  | 'setHeight'
  | 'getHeight'
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'setFaviconUrl'
  | 'getAs'
  | 'getBlob';

export class FakeHtmlOutput implements Like<GoogleAppsScript.HTML.HtmlOutput, OutputKeys> {
  title = '';
  width: number | null = null;
  height: number | null = null;
  sandboxMode = 'IFRAME';
  xFrameOptionsMode = 'DEFAULT';
  metaTags: { name: string; content: string }[] = [];
  constructor(
    readonly h: HostCore,
    private content: string,
  ) {}
  setTitle(title: string) {
    this.title = String(title);
    return this;
  }
  getTitle() {
    return this.title;
  }
  setWidth(width: number) {
    this.width = width;
    return this;
  }
  getWidth() {
    return this.width;
  }
  setHeight(height: number) {
    this.height = height;
    return this;
  }
  getHeight() {
    return this.height;
  }
  getContent() {
    return this.content;
  }
  setContent(content: string) {
    this.content = String(content);
    return this;
  }
  append(addedContent: string) {
    this.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string) {
    this.content += escapeHtml(String(addedContent));
    return this;
  }
  clear() {
    this.content = '';
    return this;
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode) {
    this.sandboxMode = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode) {
    this.xFrameOptionsMode = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string) {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
  setFaviconUrl(_iconUrl: string) {
    return this;
  }
  getAs(contentType: string) {
    if (contentType === 'application/pdf') return pdfBlob(this.h, '', this.title || 'document', this.content);
    return new FakeBlob(this.h, Buffer.from(this.content, 'utf8'), contentType, null);
  }
  getBlob() {
    return new FakeBlob(this.h, Buffer.from(this.content, 'utf8'), 'text/html', null);
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A template: properties assigned on it (template.data = …) are visible to its scriptlets
 * (<? code ?>, <?= escaped ?>, <?!= raw ?>), which run inside the script's vm like Google's.
 */
export class FakeHtmlTemplate implements Like<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getCode'> {
  declare readonly h: HostCore;
  declare private readonly source: string;
  [key: string]: unknown;
  constructor(h: HostCore, source: string) {
    Object.defineProperty(this, 'h', { value: h, enumerable: false });
    Object.defineProperty(this, 'source', { value: source, enumerable: false });
  }
  getCode() {
    return compileTemplate(this.source);
  }
  evaluate() {
    const fn = vm.runInContext(`(function (__data, __esc) { with (__data) { return (function () { ${compileTemplate(this.source)} })(); } })`, this.h.context) as (
      d: object,
      esc: (v: unknown) => string,
    ) => string;
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(this)) data[k] = this[k];
    return new FakeHtmlOutput(this.h, fn(data, (v) => escapeHtml(String(v))));
  }
}

function compileTemplate(source: string): string {
  let code = "var __out = '';\n";
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    code += `__out += ${JSON.stringify(source.slice(last, m.index))};\n`;
    if (m[1] === '=') code += `__out += __esc(${m[2]});\n`;
    else if (m[1] === '!=') code += `__out += String(${m[2]});\n`;
    else code += `${m[2]}\n`;
    last = m.index + m[0].length;
  }
  code += `__out += ${JSON.stringify(source.slice(last))};\nreturn __out;`;
  return code;
}

instrument(FakeHtmlService, 'HtmlService');
instrument(FakeHtmlOutput, 'HtmlService.HtmlOutput');
instrument(FakeHtmlTemplate, 'HtmlService.HtmlTemplate');
