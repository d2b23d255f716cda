// Holes found by trying: what a signed-in user could do from the browser console or the sheet itself, refused.
import { createHost } from '../../src/local/host';
import { as, CLERK, MANAGER, ok, rpc, Result, setUpBook, STRANGER, SUPERVISOR } from './book';

describe('the hourly scan cannot be run by claiming to be a trigger', () => {
  it('a clerk or a stranger passing a made-up trigger id from the browser is refused, and nothing is sent', () => {
    const host = setUpBook();
    ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-20T08:30:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'minor' }));
    for (const who of [CLERK, STRANGER]) {
      const r = as(host, who, () => rpc(host, 'runOverdueScan', { triggerUid: 'x' }));
      expect([who, r.ok, r.code]).toEqual([who, false, 'forbidden']);
    }
    expect(host.outbox).toHaveLength(0);
  });

  it('the installed trigger runs it, and a supervisor may run it by hand', () => {
    const host = setUpBook();
    ok(as(host, SUPERVISOR, () => rpc(host, 'installTriggers')));
    const fired = host.fireTrigger('runOverdueScan') as Result;
    expect(fired.ok).toBe(true);
    expect(as(host, SUPERVISOR, () => rpc(host, 'runOverdueScan')).ok).toBe(true);
    expect(as(host, MANAGER, () => rpc(host, 'runOverdueScan', { triggerUid: 'x' })).ok).toBe(true);
  });

  it('google.script.run cannot call a private (trailing underscore) function', () => {
    const host = createHost({ code: 'function helper_() { return 1; }', user: MANAGER });
    expect(host.call('helper_')).toBe(1);
    expect(() => host.callFromClient('helper_', [])).toThrow('Script function not found: helper_');
  });
});
