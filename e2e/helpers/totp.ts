/**
 * Authenticator codes for tests. The server accepts the previous, current and next 30-second step but never a step at
 * or before the last one it accepted (replay protection), so each code here is for the step after the last one used,
 * starting one step back, and never generated in the last seconds of a step (it must still be valid on arrival).
 */
import { generate } from 'otplib';

const STEP = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TotpCodes {
  private last: number | null = null;

  constructor(readonly secret: string) {}

  async next(): Promise<string> {
    for (;;) {
      const now = Date.now() / 1000;
      const current = Math.floor(now / STEP);
      const intoStep = now - current * STEP;
      const step = this.last === null ? current - 1 : this.last + 1;
      if (intoStep > STEP - 3 || step > current + 1) {
        await sleep((STEP - intoStep) * 1000 + 250);
        continue;
      }
      this.last = step;
      return generate({ secret: this.secret, epoch: step * STEP });
    }
  }
}
