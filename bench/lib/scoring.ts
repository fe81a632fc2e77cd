/**
 * Scoring throughput in the core (issue #3 §6): `scoreResponse(definition, answers, options)` over every shipped
 * definition, in this process on one core — no HTTP, no database. Valid input: random answers drawn from each item's
 * own answer options (the optional trailing items sometimes left out, sex given where the instrument needs it).
 * Invalid input: a rotation of the ways answers arrive wrong (too few, a value outside the options, a string, no sex
 * where it is required), each of which must be refused with field problems.
 */
import type { InstrumentDefinition } from '../../src/core/instruments/definition';
import { SHIPPED_INSTRUMENTS } from '../../src/core/instruments/library';
import { scoreResponse, type ScoreOptions } from '../../src/core/instruments/score';
import { nowMs, rng } from './stats';

export interface ScoringRow {
  instrument: string;
  items: number;
  kind: 'valid' | 'invalid';
  /**
   * Scorings (or refusals) per second of CPU time this process got: the median of the measured batches. On a machine
   * shared with other work this is what one core does; wall-clock rates fall with every time slice lost to others.
   */
  perSecond: number;
  /** Per second of wall-clock time (median of the batches). */
  wallPerSecond: number;
  /** CPU time per call at the median rate, microseconds. */
  microsPerCall: number;
  /** CPU time of this process over wall time while measuring (1.0 = one core busy throughout). */
  cpuShare: number;
  calls: number;
}

interface Input {
  answers: unknown[];
  options: ScoreOptions;
}

const POOL = 4096;

function validInputs(def: InstrumentDefinition, random: () => number): Input[] {
  const required = def.items.filter((i) => i.required).length;
  const out: Input[] = [];
  for (let n = 0; n < POOL; n++) {
    const count = required === def.items.length || random() < 0.5 ? def.items.length : required;
    const answers = def.items.slice(0, count).map((item) => {
      const options = def.answerSets[item.answerSet]!;
      return options[Math.floor(random() * options.length)]!.value;
    });
    out.push({ answers, options: def.requiresSex ? { sex: random() < 0.5 ? 'female' : 'male' } : {} });
  }
  return out;
}

/** Wrong inputs in rotation; every one must be refused. */
function invalidInputs(def: InstrumentDefinition, random: () => number): Input[] {
  const valid = validInputs(def, random);
  const kinds = ['too-few', 'out-of-range', 'not-a-number', ...(def.requiresSex ? ['no-sex'] : [])];
  return valid.map((input, n) => {
    const answers = [...input.answers];
    const at = Math.floor(random() * answers.length);
    switch (kinds[n % kinds.length]) {
      case 'too-few':
        return { answers: answers.slice(0, Math.max(0, def.items.filter((i) => i.required).length - 1 - Math.floor(random() * 2))), options: input.options };
      case 'out-of-range':
        answers[at] = 7 + Math.floor(random() * 5);
        return { answers, options: input.options };
      case 'not-a-number':
        answers[at] = String(answers[at]);
        return { answers, options: input.options };
      default:
        return { answers, options: {} };
    }
  });
}

function measure(def: InstrumentDefinition, inputs: Input[], expectOk: boolean, o: { warmupMs: number; batchMs: number; batches: number }): Omit<ScoringRow, 'instrument' | 'items' | 'kind'> {
  // Check once that every input does what it is meant to (a benchmark of the wrong branch would be worthless).
  for (const input of inputs) {
    const r = scoreResponse(def, input.answers, input.options);
    if (r.ok !== expectOk) throw new Error(`${def.id}: ${expectOk ? 'valid' : 'invalid'} answers ${JSON.stringify(input.answers)} were ${r.ok ? 'accepted' : 'refused'}`);
  }
  let sink = 0;
  let i = 0;
  const run = (ms: number): number => {
    const end = nowMs() + ms;
    let calls = 0;
    while (nowMs() < end) {
      // 64 calls between clock reads keep the clock out of the figure.
      for (let k = 0; k < 64; k++) {
        const input = inputs[i++ & (POOL - 1)]!;
        const r = scoreResponse(def, input.answers, input.options);
        sink += r.ok ? r.value.total : r.error.fields!.length;
      }
      calls += 64;
    }
    return calls;
  };
  run(o.warmupMs);
  const wallRates: number[] = [];
  const cpuRates: number[] = [];
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const t0 = nowMs();
  for (let b = 0; b < o.batches; b++) {
    const start = nowMs();
    const before = process.cpuUsage();
    const n = run(o.batchMs);
    const used = process.cpuUsage(before);
    calls += n;
    wallRates.push(n / ((nowMs() - start) / 1000));
    cpuRates.push(n / ((used.user + used.system) / 1e6));
  }
  const wall = nowMs() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (sink === -1) process.stdout.write(''); // keeps `sink` alive
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const perSecond = median(cpuRates);
  return { perSecond, wallPerSecond: median(wallRates), microsPerCall: 1e6 / perSecond, cpuShare: (cpu.user + cpu.system) / 1000 / wall, calls };
}

export function benchScoring(o: { quick: boolean }): ScoringRow[] {
  const timing = o.quick ? { warmupMs: 100, batchMs: 50, batches: 5 } : { warmupMs: 150, batchMs: 80, batches: 7 };
  const rows: ScoringRow[] = [];
  const order = ['phq-9', 'gad-7', 'pcl-5', 'audit-c', 'phq-2'];
  const defs = [...SHIPPED_INSTRUMENTS].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  for (const def of defs) {
    const random = rng(9_000 + def.items.length);
    rows.push({ instrument: def.id, items: def.items.length, kind: 'valid', ...measure(def, validInputs(def, random), true, timing) });
    rows.push({ instrument: def.id, items: def.items.length, kind: 'invalid', ...measure(def, invalidInputs(def, random), false, timing) });
  }
  return rows;
}
