/** The shape of one benchmark run's results (also written to .tmp/bench/results.json). */
import type { BareResult } from './bare';
import type { CpuUse } from './cpu';
import type { ExperimentResult } from './experiments';
import type { HttpResult } from './http-load';
import type { Machine } from './machine';
import type { ProfileSummary } from './profile';
import type { ScoringRow } from './scoring';
import type { BareVariant } from './scenarios';
import type { ScenarioTrace } from './trace';

export type Engine = 'postgres' | 'pglite';

export interface ScenarioResult {
  key: string;
  title: string;
  /** The requirement it answers: issue #2 (sign-in, lists, overview) or issue #3 (measurement). */
  issue?: 2 | 3;
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
  dataset: {
    counts: Record<string, number>; loadSeconds: Record<string, number>; patientsRotated: number; therapistCaseload: number;
    trajectoryPatients?: number; storePatients?: number; pointsPerTrajectory?: number; dosesPerTrajectory?: number;
  };
  scenarios: ScenarioResult[];
  /** Issue #2: the overview at a fixed rate. */
  fixedRate: { autocannon?: HttpResult; openLoop?: HttpResult; cpu?: CpuUse };
  /** Issue #3: store, trajectory and both interleaved, open loop at a fixed rate. */
  targetRuns?: TargetRun[];
  /** --sweep: the same open loops at several rates. */
  sweep?: TargetRun[];
  experiments?: ExperimentResult[];
  /** Older runs: the overview's profile. */
  profile?: ProfileSummary;
  /** --profile: the server's CPU profile per scenario. */
  profiles?: { key: string; summary: ProfileSummary }[];
  error?: string;
  seconds: number;
}

export interface TargetRun {
  key: string;
  title: string;
  rate: number;
  open: HttpResult;
  cpu?: CpuUse;
}

export interface RunResults {
  startedAt: string;
  seconds: number;
  machine: Machine;
  /** Issue #3: scoreResponse in this process. */
  scoring?: ScoringRow[];
  settings: {
    patients: number;
    auditEvents: number;
    seconds: number;
    warmupSeconds: number;
    bareSeconds: number;
    pgliteSeconds?: number;
    connections: number;
    poolSize: number;
    rate: number;
    /** Issue #3: the fixed rate of the store / trajectory runs, trajectory patients and their length. */
    measurementRate?: number;
    trajectoryPatients?: number;
    trajectoryLength?: number;
    nurseSessions: number;
    raisedPriority: boolean;
  };
  engines: EngineResult[];
  notes: string[];
}
