// The non-spreadsheet Google services the host installs as globals (filled in service by service).
import type { HostCore } from './core';

export function makeServices(_core: HostCore): Record<string, unknown> {
  return {};
}
