import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from './support';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(DEMO.admin);
});
afterAll(() => t.close());

const patch = (settings: object) => t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings } });

describe('clinic scheduling settings', () => {
  it('takes opening hours for some weekdays only, and closed days', async () => {
    const res = await patch({ openingHours: { 1: [['09:00', '12:00'], ['13:00', '17:00']], 2: [['09:00', '17:00']] }, closedDates: ['2026-12-25'] });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { settings: { openingHours: object; closedDates: string[] } }).settings).toMatchObject({
      openingHours: { 1: [['09:00', '12:00'], ['13:00', '17:00']], 2: [['09:00', '17:00']] },
      closedDates: ['2026-12-25'],
    });
  });

  it('names what is wrong with bad hours', async () => {
    const err = expectError(await patch({ openingHours: { 8: [['09:00', '17:00']], 3: [['17:00', '09:00']] } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err).join(' ')).toMatch(/settings\.openingHours/);
    expectError(await patch({ closedDates: ['25/12/2026'] }), 400, 'VALIDATION_FAILED');
  });
});
