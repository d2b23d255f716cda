// The non-spreadsheet Google services the host installs as globals of the vm.
import type { HostCore } from './core';
import { FakeDriveApp, FakeDriveFiles, FakeDrivePermissions, MimeType } from './drive';
import { FakeHtmlService } from './html';
import { FakeLockService } from './lock';
import { FakeMailApp, FakeSession } from './mail';
import { FakePropertiesService } from './properties';
import { FakeScriptApp } from './script';
import { FakeUtilities } from './utilities';

export function makeServices(core: HostCore): Record<string, unknown> {
  return {
    PropertiesService: new FakePropertiesService(core),
    LockService: new FakeLockService(core),
    Session: new FakeSession(core),
    MailApp: new FakeMailApp(core),
    ScriptApp: new FakeScriptApp(core),
    HtmlService: new FakeHtmlService(core),
    Utilities: new FakeUtilities(core),
    DriveApp: new FakeDriveApp(core),
    Drive: { Files: new FakeDriveFiles(core), Permissions: new FakeDrivePermissions(core) },
    MimeType,
  };
}
