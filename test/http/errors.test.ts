/** Error shapes and codes, body limits, unexpected failures, security headers, health, readiness and the OpenAPI document. */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths, unique } from './support';

let t: TestApp;
let nurse: Session;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  [nurse, admin] = await Promise.all([t.signIn(DEMO.nurse), t.signIn(DEMO.admin)]);
});
afterAll(() => t.close());

const total = async () => ((await t.call(nurse, { method: 'GET', url: '/api/patients?limit=1' })).json() as { total: number }).total;
const validPatient = () => ({ givenName: 'Err', familyName: unique('Case'), dateOfBirth: '1985-03-04', sexAssignedAtBirth: 'female' });

describe('400 VALIDATION_FAILED', () => {
  it('names each bad body field by its path, including nested ones, and changes nothing', async () => {
    const before = await total();
    const res = await t.call(nurse, {
      method: 'POST', url: '/api/patients',
      payload: { ...validPatient(), email: 'not-an-email', address: { line1: 'x', city: 'y', region: 'z', postalCode: '1', country: 'USA' }, emergencyContact: { name: 'A', relationship: 'B', phone: 'call me' }, weightKg: -3 },
    });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(expect.arrayContaining(['email', 'address.country', 'emergencyContact.phone', 'weightKg']));
    for (const f of err.fields!) expect(f.message.length).toBeGreaterThan(0);
    expect(err.message).toContain('address.country');
    expect(await total()).toBe(before);
  });

  it('refuses impossible values the schema cannot see: a future birth date, a non-web clinic website', async () => {
    const id = (await t.signIn(DEMO.patient1)).user.patientId!;
    const dob = expectError(await t.call(nurse, { method: 'PATCH', url: `/api/patients/${id}`, payload: { dateOfBirth: '2999-01-01' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(dob)).toEqual(['dateOfBirth']);
    expect(((await t.call(nurse, { method: 'GET', url: `/api/patients/${id}` })).json() as { dateOfBirth: string }).dateOfBirth).toBe('1986-04-12');
    for (const website of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.org']) {
      expect(fieldPaths(expectError(await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { website } }), 400, 'VALIDATION_FAILED'))).toEqual(['website']);
    }
    expect((await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { website: 'https://demo.tilth.test/about' } })).statusCode).toBe(200);
  });

  it('names bad query and path parameters', async () => {
    const query = expectError(await t.call(nurse, { method: 'GET', url: '/api/patients?limit=0&status=sleeping' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(query).sort()).toEqual(['limit', 'status']);
    const params = expectError(await t.call(nurse, { method: 'GET', url: '/api/patients/not-a-uuid' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(params)).toEqual(['id']);
    const two = expectError(await t.call(admin, { method: 'DELETE', url: '/api/staff/x/credentials/y' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(two).sort()).toEqual(['credentialId', 'id']);
  });

  it('refuses malformed JSON, a non-object body and an unsupported media type, changing nothing', async () => {
    const before = await total();
    const malformed = await t.call(nurse, { method: 'POST', url: '/api/patients', headers: { 'content-type': 'application/json' }, payload: '{"givenName": "A",' });
    expect(fieldPaths(expectError(malformed, 400, 'VALIDATION_FAILED'))).toEqual(['(body)']);
    const array = await t.call(nurse, { method: 'POST', url: '/api/patients', payload: [validPatient()] });
    expect(fieldPaths(expectError(array, 400, 'VALIDATION_FAILED'))).toEqual(['(body)']);
    const xml = await t.call(nurse, { method: 'POST', url: '/api/patients', headers: { 'content-type': 'application/xml' }, payload: '<patient/>' });
    expectError(xml, 400, 'VALIDATION_FAILED');
    expect(await total()).toBe(before);
  });
});

describe('other client errors', () => {
  it('answers 413 PAYLOAD_TOO_LARGE above the body limit', async () => {
    const res = await t.call(nurse, { method: 'POST', url: '/api/patients', payload: { ...validPatient(), pronouns: 'x'.repeat(t.deps.config.bodyLimitBytes) } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 404 NOT_FOUND for an unknown API route (401 before sign-in, so routes are not revealed)', async () => {
    expectError(await t.call(nurse, { method: 'GET', url: '/api/no-such-thing' }), 404, 'NOT_FOUND');
    expectError(await t.call(nurse, { method: 'DELETE', url: '/api/patients' }), 404, 'NOT_FOUND');
    expectError(await t.call(null, { method: 'GET', url: '/api/no-such-thing' }), 401, 'UNAUTHENTICATED');
  });

  it('gives 403 FORBIDDEN and 409 CONFLICT stable codes', async () => {
    expectError(await t.call(nurse, { method: 'GET', url: '/api/audit-events' }), 403, 'FORBIDDEN');
    const name = unique('Room');
    expect((await t.call(admin, { method: 'POST', url: '/api/rooms', payload: { name, kind: 'consult' } })).statusCode).toBe(201);
    const dup = expectError(await t.call(admin, { method: 'POST', url: '/api/rooms', payload: { name, kind: 'dosing' } }), 409, 'CONFLICT');
    expect(fieldPaths(dup)).toEqual(['name']);
    expectError(await t.call(admin, { method: 'POST', url: '/api/staff', payload: { givenName: 'A', familyName: 'B', email: DEMO.nurse, role: 'nurse' } }), 409, 'CONFLICT');
  });

  it('answers 409 (not 500) when a patient with a portal account is invited again under a new email', async () => {
    const id = (await t.signIn(DEMO.patient2)).user.patientId!;
    expect((await t.call(nurse, { method: 'PATCH', url: `/api/patients/${id}`, payload: { email: 'dan.new@example.org' } })).statusCode).toBe(200);
    const res = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/portal-invite` });
    expect(fieldPaths(expectError(res, 409, 'CONFLICT'))).toEqual(['email']);
    const outbox = (await t.call(admin, { method: 'GET', url: '/api/outbox' })).json() as { items: { recipient: string }[] };
    expect(outbox.items.map((m) => m.recipient)).not.toContain('dan.new@example.org');
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: DEMO.patient2, password: 'tilth-demo-2026' } })).statusCode).toBe(200);
  });

  it('applies sign-in and CSRF checks to percent-encoded API paths too', async () => {
    const anonymous = await t.call(null, { method: 'GET', url: '/%61pi/patients' });
    expectError(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const encoded = await t.call(nurse, { method: 'GET', url: '/%61pi/patients?limit=1' });
    expect(encoded.statusCode).toBe(200);
    expect(encoded.headers['cache-control']).toBe('no-store');
    expectError(await t.call(nurse, { method: 'POST', url: '/%61pi/patients', payload: validPatient(), headers: { 'x-csrf-token': '' } }), 403, 'CSRF_TOKEN_MISSING');
  });
});

describe('unexpected errors', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // A separate instance on the same database with two test-only routes that fail the way real bugs do.
    app = await buildApp(t.deps);
    app.get('/api/test-only/throw', { config: { public: true } }, async () => {
      throw new Error('secret internals: password=hunter2 at /srv/tilth/src/server/app.ts:1');
    });
    app.get('/api/test-only/bad-sql', { config: { public: true } }, async () => t.database.db.execute(sql`SELECT * FROM no_such_table_hunter2`));
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers 500 INTERNAL with the request id and no internals', async () => {
    for (const url of ['/api/test-only/throw', '/api/test-only/bad-sql']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'x-request-id': `boom-${url.length}` } });
      const err = expectError(res, 500, 'INTERNAL');
      expect(err.requestId).toBe(`boom-${url.length}`);
      expect(res.headers['x-request-id']).toBe(`boom-${url.length}`);
      expect(Object.keys(res.json() as object)).toEqual(['error']);
      expect(Object.keys(err).sort()).toEqual(['code', 'message', 'requestId']);
      for (const leak of ['hunter2', 'stack', '/srv/', '.ts', 'SELECT', 'no_such_table']) expect(res.body).not.toContain(leak);
    }
    const generated = await app.inject({ method: 'GET', url: '/api/test-only/throw' });
    expect((generated.json() as { error: { requestId: string } }).error.requestId).toBe(generated.headers['x-request-id']);
  });
});

describe('headers, health, readiness and the API description', () => {
  it('sends security headers with a CSP on API answers, errors included', async () => {
    for (const res of [await t.call(null, { method: 'GET', url: '/api/health' }), await t.call(null, { method: 'GET', url: '/api/patients' }), await t.call(null, { method: 'GET', url: '/api/docs' })]) {
      const csp = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves the docs page publicly with same-origin scripts only, so it works under the CSP', async () => {
    const page = await t.call(null, { method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="(\.\/|\/api\/docs\/)static\//);
      expect(inline!.trim()).toBe('');
    }
  });

  it('answers /api/health and /api/ready without signing in', async () => {
    const health = await t.call(null, { method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.call(null, { method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: t.database.kind });
    expect((ready.json() as { migrations: number }).migrations).toBeGreaterThanOrEqual(3);
  });

  it('lists the routes in /api/openapi.json', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const expected: [string, string][] = [
      ['/api/session', 'post'], ['/api/session', 'delete'], ['/api/me', 'get'], ['/api/me/access-log', 'get'], ['/api/password-reset', 'post'],
      ['/api/patients', 'get'], ['/api/patients', 'post'], ['/api/patients/{id}', 'get'], ['/api/patients/{id}', 'patch'],
      ['/api/patients/{id}/status', 'post'], ['/api/staff', 'get'], ['/api/rooms', 'post'], ['/api/clinic', 'patch'], ['/api/audit-events', 'get'],
      ['/api/health', 'get'], ['/api/ready', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    expect(doc.paths['/api/patients']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['query', 'status', 'limit']));
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });
});
