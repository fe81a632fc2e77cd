/** Signing in and out: the keyboard alone, wrong passwords, the reset flow, and an ended session. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, signInWithForm } from './helpers/auth';
import { launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;

beforeAll(async () => {
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
});

describe('sign-in', () => {
  it('works with the keyboard alone and lands on the role’s start page', async () => {
    const { page } = b;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.title()).toBe('Sign in to Tilth · Tilth');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.keyboard.type(DEMO.nurse);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/patients`);
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    // The focused element is drawn with a visible outline.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('shows the server’s message for a wrong password', async () => {
    const { page } = b;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(DEMO.therapist);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email or password is not correct.');
    expect(page.url()).toBe(`${baseUrl}/sign-in`);
  });

  it('sends a signed-out visitor to sign-in, then back to the page they asked for', async () => {
    const { page } = b;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(DEMO.prescriber);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  });

  it('signs out and shows a notice', async () => {
    const { page } = b;
    await signInWithForm(page, baseUrl, 'therapist');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('You have signed out.');
    const me = await page.context().request.get(`${baseUrl}/api/me`);
    expect(me.status()).toBe(401);
  });

  it('goes to sign-in with a notice when the session has ended, and back afterwards', async () => {
    const { page } = b;
    await signInWithForm(page, baseUrl, 'nurse');
    await page.getByRole('link', { name: 'Hannah Becker' }).waitFor();
    // End the session from elsewhere (the browser keeps its now useless cookie), then act in the page.
    const csrf = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { csrfToken: string }).csrfToken);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const ended = await fetch(`${baseUrl}/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(ended.status).toBe(204);
    await page.getByRole('link', { name: 'Hannah Becker' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Your session has ended');
    await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.nurse);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hannah Becker' }).waitFor();
  });

  it('asks for a reset link and confirms without revealing whether the account exists', async () => {
    const { page } = b;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${baseUrl}/forgot-password`);
    await page.getByLabel('Email').fill('nobody@demo.tilth.test');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('If an account exists for that address');
  });

  it('shows the server’s message on the set-password page for a bad link', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/set-password?token=00000000-0000-0000-0000-000000000000.notarealtokenatall`);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('a long enough passphrase here');
    await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('a long enough passphrase here');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This link is not valid any more');
  });

  it('changes the password on the account page (weak ones refused with the server’s reason)', async () => {
    const { page } = b;
    const next = 'riley-chooses-a-longer-passphrase';
    const change = async (current: string, to: string) => {
      await page.getByRole('textbox', { name: 'Current password' }).fill(current);
      await page.getByRole('textbox', { name: 'New password', exact: true }).fill(to);
      await page.getByRole('textbox', { name: 'Repeat the new password' }).fill(to);
      await page.getByRole('button', { name: 'Change password' }).click();
    };
    await signInWithForm(page, baseUrl, 'therapist2');
    await page.goto(`${baseUrl}/account`);
    await change(DEMO_PASSWORD, 'short');
    await page.getByRole('alert').filter({ hasText: 'Use at least 12 characters.' }).waitFor();
    await change(DEMO_PASSWORD, next);
    await page.getByText('Your password was changed.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Tilth' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.therapist2);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(next);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    // Back to the demo password, for the other test files.
    await page.goto(`${baseUrl}/account`);
    await change(next, DEMO_PASSWORD);
    await page.getByText('Your password was changed.').waitFor();
  });
});
