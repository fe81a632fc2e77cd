/** The server's Content-Security-Policy holds for the app and the API docs: no violation is reported. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { patientIdByName, signInAs } from './helpers/auth';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;

beforeAll(async () => {
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
});

/** Console errors other than the expected 401 of GET /api/me while signed out. */
const unexpectedErrors = () =>
  b.console.filter((m) => m.type() === 'error' && !(m.text().includes('401') && m.location().url.endsWith('/api/me'))).map((m) => m.text());

describe('content security policy', () => {
  it('the app is served with the policy and runs under it without violations', async () => {
    b.clearConsole();
    const response = await b.page.goto(`${baseUrl}/sign-in`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    await signInAs(b.context, b.page, baseUrl, 'nurse', '/patients');
    await b.page.getByRole('table', { name: 'Patients' }).waitFor();
    const id = await patientIdByName(b.context, baseUrl, 'Avery');
    await b.page.getByRole('link', { name: 'Avery Morgan' }).click();
    await b.page.waitForURL(`${baseUrl}/patients/${id}`);
    await b.page.getByRole('heading', { name: 'Status history' }).waitFor();
    await b.page.getByRole('button', { name: 'Edit personal details' }).click();
    await b.page.getByRole('dialog').waitFor();
    await b.page.keyboard.press('Escape');
    await signInAs(b.context, b.page, baseUrl, 'admin', '/audit');
    await b.page.getByRole('table', { name: 'Audit events, newest first' }).waitFor();
    expect(cspViolations(b.console)).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the app has no inline scripts, and an injected one would be refused and reported', async () => {
    await b.page.goto(`${baseUrl}/sign-in`);
    const inline = await b.page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
    expect(inline).toBe(0);
    // The detector itself: an inline script is blocked and shows up as a violation.
    b.clearConsole();
    const ran = await b.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations(b.console).length).toBeGreaterThan(0);
  });

  it('/api/docs renders the Swagger UI without violations', async () => {
    b.clearConsole();
    await b.page.goto(`${baseUrl}/api/docs`);
    await b.page.locator('#swagger-ui .swagger-ui').first().waitFor();
    await b.page.getByText('Tilth API').first().waitFor();
    await b.page.locator('.opblock').first().waitFor();
    expect(cspViolations(b.console)).toEqual([]);
  });
});
