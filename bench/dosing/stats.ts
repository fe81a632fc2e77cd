/** Percentiles of latency samples (milliseconds). */
export interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function statsOf(values: number[]): Stats {
  const s = Float64Array.from(values).sort();
  const pick = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : NaN);
  return { count: s.length, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), max: s.length ? s[s.length - 1]! : NaN, mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN };
}
