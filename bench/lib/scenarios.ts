/** The requests the benchmark makes: one definition drives the HTTP load, the in-process trace and the bare replay. */
import type { Dataset } from './dataset';
import { rng } from './stats';

export type Who = 'nurse' | 'therapist' | 'anonymous';

export interface Scenario {
  key: string;
  title: string;
  as: Who;
  /** Which requirement the scenario answers: issue #2 (sign-in, lists, overview) or #3 (measurement). */
  issue: 2 | 3;
  method: 'GET' | 'POST';
  /** For a scenario that mixes requests: the i-th request's method (otherwise `method`). */
  methodFor?(i: number): 'GET' | 'POST';
  /** The i-th request's path (scenarios that rotate over patients use i). */
  path(i: number): string;
  /** The i-th request's JSON body (none for a GET of a mixed scenario). */
  bodyFor?(i: number): string | undefined;
  /** How many different requests the trace records for the replay (at least one per session). */
  templates?: number;
  /** The patient id the i-th request is about, when it rotates over patients (the bare replay substitutes it). */
  patientFor?(i: number): string;
  /** Bare-driver variants to run (the overview and the plain list get the full attribution). */
  bareVariants: BareVariant[];
  /** Seconds of measured HTTP load, after a warm-up of warmupSeconds. */
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

export type BareVariant = 'data' | 'data+session' | 'full' | 'full+argon2';

export const methodAt = (s: Scenario, i: number): 'GET' | 'POST' => s.methodFor?.(i) ?? s.method;

export const BARE_VARIANT_TITLES: Record<BareVariant, string> = {
  data: 'data queries only',
  'data+session': 'data + session + rate limit',
  full: 'data + session + rate limit + audit',
  'full+argon2': 'all queries + argon2 verify',
};

export interface ScenarioOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  signInConnections: number;
}

export function scenarios(ds: Dataset, demoPassword: string, o: ScenarioOptions): Scenario[] {
  const ids = ds.patientIds;
  const short = Math.max(2, Math.round(o.seconds * 0.6));
  const main = { seconds: o.seconds, warmupSeconds: o.warmupSeconds };
  const variant = { seconds: short, warmupSeconds: Math.max(1, Math.round(o.warmupSeconds / 2)) };
  return [
    {
      // Over every staff account: concurrent sign-ins to one account would meet the per-account throttle (see
      // docs/performance.md), which is not what a morning of staff signing in looks like.
      key: 'sign-in', issue: 2, title: `Sign in (POST /api/session, ${ds.staffEmails.length} staff accounts in turn)`, as: 'anonymous', method: 'POST',
      path: () => '/api/session', bodyFor: (i) => JSON.stringify({ email: ds.staffEmails[i % ds.staffEmails.length], password: demoPassword }),
      templates: ds.staffEmails.length, bareVariants: ['full', 'full+argon2'], ...variant, connections: o.signInConnections,
    },
    {
      key: 'list', issue: 2, title: 'Patient list, nurse (GET /api/patients?limit=50)', as: 'nurse', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'data+session', 'full'], ...main, connections: o.connections,
    },
    {
      key: 'list-search', issue: 2, title: `Patient list, name search (?query=${ds.searchTerm})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&query=${encodeURIComponent(ds.searchTerm)}`, bareVariants: ['data', 'full'], ...variant,
      connections: o.connections,
    },
    {
      key: 'list-status', issue: 2, title: `Patient list, status filter (?status=${ds.statusFilter})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&status=${ds.statusFilter}`, bareVariants: ['data', 'full'], ...variant, connections: o.connections,
    },
    {
      key: 'list-therapist', issue: 2, title: 'Patient list, therapist (care-team scope)', as: 'therapist', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'full'], ...variant, connections: o.connections,
    },
    {
      key: 'overview', issue: 2, title: `Patient overview, nurse (GET /api/patients/:id over ${ids.length} ids)`, as: 'nurse', method: 'GET',
      path: (i) => `/api/patients/${ids[i % ids.length]}`, patientFor: (i) => ids[i % ids.length]!,
      bareVariants: ['data', 'data+session', 'full'], ...main, connections: o.connections,
    },
    storeScenario(ds, { ...main, connections: o.connections }),
    trajectoryScenario(ds, { ...main, connections: o.connections }),
  ];
}

/** The share of submitted PHQ-9s with item 9 above 0 (each opens a safety alert and queues messages to the care team). */
export const ITEM9_EVERY = 50;

/** The i-th submitted PHQ-9: random answers, the difficulty item mostly given, item 9 above 0 for one in ITEM9_EVERY. */
export function phq9Answers(i: number): number[] {
  const random = rng(i * 7919 + 17);
  const answers = Array.from({ length: 8 }, () => Math.floor(random() * 4));
  answers.push(i % ITEM9_EVERY === 0 ? 1 + Math.floor(random() * 3) : 0);
  if (random() < 0.7) answers.push(Math.floor(random() * 4));
  return answers;
}

type Timing = Pick<Scenario, 'seconds' | 'warmupSeconds' | 'connections'>;

/** A nurse enters a PHQ-9 for a patient (issue #3 §6a), over every patient without a long trajectory. */
export function storeScenario(ds: Dataset, t: Timing): Scenario {
  const ids = ds.measurement.storePatientIds;
  return {
    key: 'store', issue: 3, title: `Store a PHQ-9, nurse (POST /api/patients/:id/responses over ${ids.length} ids, item 9 > 0 in 1 of ${ITEM9_EVERY})`,
    as: 'nurse', method: 'POST', path: (i) => `/api/patients/${ids[i % ids.length]}/responses`, patientFor: (i) => ids[i % ids.length]!,
    bodyFor: (i) => JSON.stringify({ instrument: 'phq-9', answers: phq9Answers(i) }),
    // One recorded request per answer pattern of a cycle, so the replay opens alerts as often as the load does.
    templates: ITEM9_EVERY, bareVariants: ['data', 'full'], ...t,
  };
}

/** A patient's PHQ-9 trajectory (issue #3 §6b), over the patients with a long one. */
export function trajectoryScenario(ds: Dataset, t: Timing): Scenario {
  const ids = ds.measurement.trajectoryPatientIds;
  return {
    key: 'trajectory', issue: 3,
    title: `PHQ-9 trajectory, nurse (GET /api/patients/:id/trajectory?instrument=phq-9, ${ds.measurement.pointsPerTrajectory} responses each, over ${ids.length} ids)`,
    as: 'nurse', method: 'GET', path: (i) => `/api/patients/${ids[i % ids.length]}/trajectory?instrument=phq-9`, patientFor: (i) => ids[i % ids.length]!,
    bareVariants: ['data', 'full'], ...t,
  };
}

/** Store and trajectory requests interleaved (even: store, odd: trajectory). */
export function mixedScenario(store: Scenario, trajectory: Scenario): Scenario {
  const half = (i: number) => Math.floor(i / 2);
  return {
    key: 'mixed', issue: 3, title: 'Store and trajectory interleaved (1:1)', as: 'nurse', method: 'POST',
    methodFor: (i) => (i % 2 === 0 ? 'POST' : 'GET'),
    path: (i) => (i % 2 === 0 ? store.path(half(i)) : trajectory.path(half(i))),
    bodyFor: (i) => (i % 2 === 0 ? store.bodyFor!(half(i)) : undefined),
    bareVariants: [], seconds: store.seconds, warmupSeconds: store.warmupSeconds, connections: store.connections,
  };
}
