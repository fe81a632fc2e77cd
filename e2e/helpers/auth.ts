/** Signing in and out for tests: through the form (what a person does) or directly through the API (fast). */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'tilth-demo-2026';

export const DEMO = {
  admin: 'admin@demo.tilth.test',
  prescriber: 'prescriber@demo.tilth.test',
  nurse: 'nurse@demo.tilth.test',
  therapist: 'therapist@demo.tilth.test',
  therapist2: 'therapist2@demo.tilth.test',
  patient1: 'patient1@demo.tilth.test',
  patient2: 'patient2@demo.tilth.test',
} as const;

export type DemoUser = keyof typeof DEMO;

/** Signs in with the API (the cookie lands in the browser context) and opens `path`. */
export async function signInAs(context: BrowserContext, page: Page, baseUrl: string, who: DemoUser, path = '/'): Promise<void> {
  await context.clearCookies();
  const response = await context.request.post(`${baseUrl}/api/session`, { data: { email: DEMO[who], password: DEMO_PASSWORD } });
  expect(response.status(), `sign-in as ${who}`).toBe(200);
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, baseUrl: string, who: DemoUser): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(DEMO[who]);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The id of a patient the given user can see, found by name through the API. */
export async function patientIdByName(context: BrowserContext, baseUrl: string, name: string): Promise<string> {
  const response = await context.request.get(`${baseUrl}/api/patients?query=${encodeURIComponent(name)}`);
  const body = (await response.json()) as { items: { id: string }[] };
  const id = body.items[0]?.id;
  if (!id) throw new Error(`no patient named ${name} visible`);
  return id;
}
