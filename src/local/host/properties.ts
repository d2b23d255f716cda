// PropertiesService fake: document, per-user and script stores of strings, kept in the workbook, with Google's size limits.
import { instrument, type HostCore, type Like } from './core';

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;
const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

type Kind = 'document' | 'user' | 'script';

export class FakePropertiesService
  implements Like<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getUserProperties' | 'getScriptProperties'>
{
  constructor(readonly h: HostCore) {}
  getDocumentProperties() {
    return new FakeProperties(this.h, 'document');
  }
  /** The active user's own store (another user's host sees a different one). */
  getUserProperties() {
    return new FakeProperties(this.h, 'user');
  }
  getScriptProperties() {
    return new FakeProperties(this.h, 'script');
  }
}

type PropKeys =
  | 'getProperty'
  | 'setProperty'
  | 'setProperties'
  | 'getProperties'
  | 'deleteProperty'
  | 'deleteAllProperties'
  | 'getKeys';

export class FakeProperties implements Like<GoogleAppsScript.Properties.Properties, PropKeys> {
  private readonly user: string;
  constructor(
    readonly h: HostCore,
    readonly kind: Kind,
  ) {
    this.user = h.user;
  }
  getProperty(key: string) {
    const store = this._store();
    return Object.prototype.hasOwnProperty.call(store, key) ? store[key] : null;
  }
  setProperty(key: string, value: string) {
    this._write({ [String(key)]: value }, false);
    return this;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean) {
    this._write(properties, Boolean(deleteAllOthers));
    return this;
  }
  getProperties() {
    return this.h.data({ ...this._store() });
  }
  deleteProperty(key: string) {
    delete this._store()[key];
    return this;
  }
  deleteAllProperties() {
    this._replace({});
    return this;
  }
  getKeys() {
    return this.h.arr(Object.keys(this._store()));
  }
  _store(): Record<string, string> {
    const props = this.h.workbook.properties;
    if (this.kind === 'user') return (props.user[this.user] ??= {});
    return props[this.kind];
  }
  _replace(next: Record<string, string>): void {
    const props = this.h.workbook.properties;
    if (this.kind === 'user') props.user[this.user] = next;
    else props[this.kind] = next;
  }
  _write(entries: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._store() };
    for (const [k, v] of Object.entries(entries)) {
      const value = String(v);
      if (Buffer.byteLength(value, 'utf8') > VALUE_LIMIT) this.h.fail('Argument too large: value');
      next[k] = value;
    }
    let total = 0;
    for (const [k, v] of Object.entries(next)) total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
    if (total > STORE_LIMIT) this.h.fail(QUOTA_MESSAGE);
    this._replace(next);
  }
}

instrument(FakePropertiesService, 'PropertiesService');
instrument(FakeProperties, 'PropertiesService.Properties');
