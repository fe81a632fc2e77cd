import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());
it('probe', async () => {
  for (const url of ['/api/docs', '/api/docs/', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
    const r = await t.app.inject({ method: 'GET', url });
    console.log(url, r.statusCode, JSON.stringify(r.headers).slice(0, 900), '\n', r.body.slice(0, 1500));
  }
  const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  console.log(Object.keys(r.json().paths));
  const big = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x'.repeat(2_000_000), password: 'y' } });
  console.log(big.statusCode, big.body);
  const bad = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email": "x",' });
  console.log(bad.statusCode, bad.body);
  const xml = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
  console.log(xml.statusCode, xml.body);
  const txt = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/plain' }, payload: '{"email":"nurse@demo.tilth.test","password":"tilth-demo-2026"}' });
  console.log(txt.statusCode, txt.body);
});
