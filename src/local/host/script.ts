// ScriptApp fake: installable triggers kept in the workbook with their owner, Google's 20-per-user limit and builder checks.
import { randomInt } from 'node:crypto';
import { instrument, type HostCore, type Like } from './core';
import type { TriggerModel } from './model';

const TOO_MANY = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MAX_TRIGGERS = 20;

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;
export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;

type AppKeys = 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger' | 'getService' | 'getScriptId' | 'getAuthorizationInfo';

export class FakeScriptApp implements Like<GoogleAppsScript.Script.ScriptApp, AppKeys> {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly AuthorizationStatus = AuthorizationStatus;
  constructor(readonly h: HostCore) {}
  newTrigger(functionName: string) {
    return new FakeTriggerBuilder(this.h, String(functionName));
  }
  /** The active user's triggers of this script (every document). */
  getProjectTriggers() {
    return this.h.arr(this.h.workbook.triggers.filter((t) => t.owner === this.h.user).map((t) => new FakeTrigger(this.h, t)));
  }
  /** The active user's triggers created from this spreadsheet. */
  getUserTriggers(document: unknown) {
    const id = typeof (document as { getId?: unknown })?.getId === 'function' ? String((document as { getId(): string }).getId()) : '';
    return this.h.arr(
      this.h.workbook.triggers
        // Under the clock-triggers-unbound quirk, time-driven triggers (source id null) are left out.
        .filter((t) => t.owner === this.h.user && t.docId === id && !(t.source === 'CLOCK' && this.h.quirk('clock-triggers-unbound')))
        .map((t) => new FakeTrigger(this.h, t)),
    );
  }
  /** Only the active user's own triggers can be deleted (others' are invisible to the script). */
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger) {
    if (!(trigger instanceof FakeTrigger)) this.h.fail('Invalid argument: trigger');
    const id = (trigger as FakeTrigger).model.id;
    const t = this.h.workbook.triggers.find((x) => x.id === id);
    if (t && t.owner !== this.h.user) this.h.fail('You do not have permission to delete this trigger.');
    this.h.workbook.triggers = this.h.workbook.triggers.filter((x) => x.id !== id);
  }
  getService() {
    const id = this.h.workbook.id;
    return { getUrl: () => `https://script.google.com/macros/s/${id}/exec`, isEnabled: () => false } as unknown as GoogleAppsScript.Script.Service;
  }
  getScriptId() {
    return `script-${this.h.workbook.id}`;
  }
  getAuthorizationInfo(_authMode: GoogleAppsScript.Script.AuthMode) {
    return {
      getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
      getAuthorizationUrl: () => null,
    } as unknown as GoogleAppsScript.Script.AuthorizationInfo;
  }
}

export class FakeTriggerBuilder implements Like<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'> {
  constructor(
    readonly h: HostCore,
    readonly handler: string,
  ) {}
  timeBased() {
    return new FakeClockTriggerBuilder(this.h, this.handler);
  }
  forSpreadsheet(sheet: unknown) {
    const id = typeof sheet === 'string' ? sheet : String((sheet as { getId(): string }).getId());
    return new FakeSpreadsheetTriggerBuilder(this.h, this.handler, id);
  }
}

function createTrigger(h: HostCore, t: Omit<TriggerModel, 'id' | 'owner' | 'docId'>): FakeTrigger {
  const mine = h.workbook.triggers.filter((x) => x.owner === h.user).length;
  if (mine >= MAX_TRIGGERS) h.fail(TOO_MANY);
  // Google's trigger ids are long decimal strings.
  const id = `${randomInt(1e9, 1e10 - 1)}${randomInt(1e8, 1e9 - 1)}`;
  const model: TriggerModel = { ...t, id, owner: h.user, docId: h.workbook.id };
  h.workbook.triggers.push(model);
  return new FakeTrigger(h, model);
}

type ClockKeys = 'everyHours' | 'everyMinutes' | 'everyDays' | 'everyWeeks' | 'atHour' | 'nearMinute' | 'onWeekDay' | 'after' | 'at' | 'inTimezone' | 'create';

export class FakeClockTriggerBuilder implements Like<GoogleAppsScript.Script.ClockTriggerBuilder, ClockKeys> {
  schedule: Record<string, number | string> = {};
  constructor(
    readonly h: HostCore,
    readonly handler: string,
  ) {}
  everyHours(n: number) {
    if (![1, 2, 4, 6, 8, 12].includes(n)) this.h.fail('Invalid argument: everyHours. The value must be 1, 2, 4, 6, 8 or 12.');
    this.schedule.everyHours = n;
    return this;
  }
  everyMinutes(n: number) {
    if (![1, 5, 10, 15, 30].includes(n)) this.h.fail('The value passed to everyMinutes() must be one of 1, 5, 10, 15 or 30.');
    this.schedule.everyMinutes = n;
    return this;
  }
  everyDays(n: number) {
    this.schedule.everyDays = n;
    return this;
  }
  everyWeeks(n: number) {
    this.schedule.everyWeeks = n;
    return this;
  }
  atHour(hour: number) {
    if (!(hour >= 0 && hour <= 23)) this.h.fail('Invalid argument: hour');
    this.schedule.atHour = hour;
    return this;
  }
  nearMinute(minute: number) {
    this.schedule.nearMinute = minute;
    return this;
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday) {
    this.schedule.onWeekDay = String(day);
    return this;
  }
  after(durationMilliseconds: number) {
    this.schedule.at = this.h.now() + durationMilliseconds;
    return this;
  }
  at(date: GoogleAppsScript.Base.Date) {
    this.schedule.at = date.getTime();
    return this;
  }
  inTimezone(timezone: string) {
    this.schedule.timeZone = timezone;
    return this;
  }
  create() {
    const s = this.schedule;
    if (s.everyHours === undefined && s.everyMinutes === undefined && s.everyDays === undefined && s.everyWeeks === undefined && s.at === undefined)
      this.h.fail('Trigger schedule is missing: call everyMinutes, everyHours, everyDays, everyWeeks, at or after.');
    return createTrigger(this.h, { handler: this.handler, eventType: 'CLOCK', source: 'CLOCK', schedule: { ...s } });
  }
}

export class FakeSpreadsheetTriggerBuilder
  implements Like<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'>
{
  event: TriggerModel['eventType'] | null = null;
  constructor(
    readonly h: HostCore,
    readonly handler: string,
    readonly spreadsheetId: string,
  ) {}
  onOpen() {
    this.event = 'ON_OPEN';
    return this;
  }
  onEdit() {
    this.event = 'ON_EDIT';
    return this;
  }
  onChange() {
    this.event = 'ON_CHANGE';
    return this;
  }
  onFormSubmit() {
    this.event = 'ON_FORM_SUBMIT';
    return this;
  }
  create() {
    if (!this.event) this.h.fail('Trigger event is missing: call onOpen, onEdit, onChange or onFormSubmit.');
    return createTrigger(this.h, { handler: this.handler, eventType: this.event!, source: 'SPREADSHEETS', schedule: { spreadsheetId: this.spreadsheetId } });
  }
}

type TriggerKeys = 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId';

export class FakeTrigger implements Like<GoogleAppsScript.Script.Trigger, TriggerKeys> {
  constructor(
    readonly h: HostCore,
    readonly model: TriggerModel,
  ) {}
  getUniqueId() {
    return this.model.id;
  }
  getHandlerFunction() {
    return this.model.handler;
  }
  getEventType() {
    return this.model.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource() {
    return this.model.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  /** The spreadsheet id for spreadsheet triggers; null for time-driven ones, as in Google. */
  getTriggerSourceId() {
    return this.model.source === 'CLOCK' ? null : String(this.model.schedule.spreadsheetId ?? this.model.docId);
  }
}

instrument(FakeScriptApp, 'ScriptApp');
instrument(FakeTriggerBuilder, 'ScriptApp.TriggerBuilder');
instrument(FakeClockTriggerBuilder, 'ScriptApp.ClockTriggerBuilder');
instrument(FakeSpreadsheetTriggerBuilder, 'ScriptApp.SpreadsheetTriggerBuilder');
instrument(FakeTrigger, 'ScriptApp.Trigger');
