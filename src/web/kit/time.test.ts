import { describe, expect, it } from 'vitest';
import { instantToZoned, isTimeZone, zonedToInstant } from './time.js';

describe('wall-clock times in an election time zone', () => {
  it('turns Paris winter and summer times into UTC instants', () => {
    expect(zonedToInstant('2026-11-25T14:00', 'Europe/Paris')).toBe('2026-11-25T13:00:00.000Z');
    expect(zonedToInstant('2026-07-01T09:30', 'Europe/Paris')).toBe('2026-07-01T07:30:00.000Z');
    expect(zonedToInstant('2026-07-01T09:30', 'America/Montreal')).toBe('2026-07-01T13:30:00.000Z');
    expect(zonedToInstant('2026-07-01T09:30', 'UTC')).toBe('2026-07-01T09:30:00.000Z');
  });

  it('round-trips through the inverse', () => {
    for (const zone of ['Europe/Paris', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC']) {
      const instant = zonedToInstant('2026-03-29T12:15', zone)!;
      expect(instantToZoned(instant, zone)).toBe('2026-03-29T12:15');
    }
  });

  it('refuses unreadable input instead of guessing', () => {
    expect(zonedToInstant('25/11/2026 14:00', 'Europe/Paris')).toBeUndefined();
    expect(zonedToInstant('2026-11-25T14:00', 'Mars/Olympus')).toBeUndefined();
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(instantToZoned(null, 'Europe/Paris')).toBe('');
  });
});
