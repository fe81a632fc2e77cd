import { describe, expect, it } from 'vitest';
import { isoTime, MEDICAL_ROLES, MINUTE_MS, minutesSince, minutesUntil, plural, roleList, WATCHER_ROLES } from './common';

describe('time helpers', () => {
  it('count minutes until an instant rounding up, never negative', () => {
    expect(minutesUntil(0, 17 * MINUTE_MS)).toBe(17);
    expect(minutesUntil(0, 16 * MINUTE_MS + 1)).toBe(17);
    expect(minutesUntil(0, 1)).toBe(1);
    expect(minutesUntil(0, 0)).toBe(0);
    expect(minutesUntil(5 * MINUTE_MS, 0)).toBe(0);
  });

  it('count minutes since an instant rounding down, never negative', () => {
    expect(minutesSince(0, 17 * MINUTE_MS - 1)).toBe(16);
    expect(minutesSince(0, 17 * MINUTE_MS)).toBe(17);
    expect(minutesSince(MINUTE_MS, 0)).toBe(0);
  });

  it('formats instants as ISO by default (no locale in the core)', () => {
    expect(isoTime(Date.UTC(2026, 2, 2, 11, 40))).toBe('2026-03-02T11:40:00.000Z');
  });
});

describe('plural', () => {
  it('adds an s except for one', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
    expect(plural(0, 'minute')).toBe('0 minutes');
    expect(plural(17, 'minute')).toBe('17 minutes');
  });
});

describe('roles', () => {
  it('lists roles for messages', () => {
    expect(roleList(MEDICAL_ROLES)).toBe('prescriber or nurse');
    expect(roleList(WATCHER_ROLES)).toBe('prescriber, nurse or therapist');
    expect(roleList(['admin'])).toBe('admin');
    expect(roleList([])).toBe('');
  });
});
