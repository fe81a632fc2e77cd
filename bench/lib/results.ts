/** The shape of one benchmark run's results (also written to .tmp/bench/results.json). */
import type { BareResult } from './bare';
import type { CpuUse } from './cpu';
import type { ExperimentResult } from './experiments';
import type { HttpResult } from './http-load';
import type { Machine } from './machine';
import type { ProfileSummary } from './profile';
import type { BareVariant } from './scenarios';
import type { ScenarioTrace } from './trace';

export type Engine = 'postgres' | 'pglite';

export interface ScenarioResult {
  key: string;
  title: string;
  http?: HttpResult;
  cpu?: CpuUse;
  /** PostgreSQL only: committed transactions per HTTP request, counted by the server (pg_stat_database). */
  serverTransactionsPerRequest?: number;
  bare: Partial<Record<BareVariant, BareResult>>;
  trace?: Omit<ScenarioTrace, 'templates'>;
  explain?: { name: string; plan: string; executionMs: number }[];
}

export interface EngineResult {
  engine: Engine;
  version: string;
  poolSize: number;
  dataset: { counts: Record<string, number>; loadSeconds: Record<string, number>; patientsRotated: number; therapistCaseload: number };
  scenarios: ScenarioResult[];
  fixedRate: { autocannon?: HttpResult; openLoop?: HttpResult; cpu?: CpuUse };
  experiments?: ExperimentResult[];
  profile?: ProfileSummary;
  error?: string;
  seconds: number;
}

export interface RunResults {
  startedAt: string;
  seconds: number;
  machine: Machine;
  settings: {
    patients: number;
    auditEvents: number;
    seconds: number;
    warmupSeconds: number;
    bareSeconds: number;
    connections: number;
    poolSize: number;
    rate: number;
    nurseSessions: number;
    raisedPriority: boolean;
  };
  engines: EngineResult[];
  notes: string[];
}
