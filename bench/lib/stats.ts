/** Latency samples (milliseconds, sub-millisecond precision) and their percentiles. */
export class Samples {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  summary(seconds: number): LatencySummary {
    const sorted = Float64Array.from(this.values).sort();
    const pick = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      count: sorted.length,
      perSecond: sorted.length / seconds,
      mean: sorted.length ? sum / sorted.length : NaN,
      p50: pick(0.5),
      p90: pick(0.9),
      p99: pick(0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    };
  }
}

export interface LatencySummary {
  count: number;
  /** Completed operations per second over the measured window. */
  perSecond: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export const nowMs = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic PRNG (mulberry32), so every run loads the same clinic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
