/** The requests the benchmark makes: one definition drives the HTTP load, the in-process trace and the bare replay. */
import type { Dataset } from './dataset';

export type Who = 'nurse' | 'therapist' | 'anonymous';

export interface Scenario {
  key: string;
  title: string;
  as: Who;
  method: 'GET' | 'POST';
  /** The i-th request's path (scenarios that rotate over patients use i). */
  path(i: number): string;
  /** The i-th request's JSON body. */
  bodyFor?(i: number): string;
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
      key: 'sign-in', title: `Sign in (POST /api/session, ${ds.staffEmails.length} staff accounts in turn)`, as: 'anonymous', method: 'POST',
      path: () => '/api/session', bodyFor: (i) => JSON.stringify({ email: ds.staffEmails[i % ds.staffEmails.length], password: demoPassword }),
      templates: ds.staffEmails.length, bareVariants: ['full', 'full+argon2'], ...variant, connections: o.signInConnections,
    },
    {
      key: 'list', title: 'Patient list, nurse (GET /api/patients?limit=50)', as: 'nurse', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'data+session', 'full'], ...main, connections: o.connections,
    },
    {
      key: 'list-search', title: `Patient list, name search (?query=${ds.searchTerm})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&query=${encodeURIComponent(ds.searchTerm)}`, bareVariants: ['data', 'full'], ...variant,
      connections: o.connections,
    },
    {
      key: 'list-status', title: `Patient list, status filter (?status=${ds.statusFilter})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&status=${ds.statusFilter}`, bareVariants: ['data', 'full'], ...variant, connections: o.connections,
    },
    {
      key: 'list-therapist', title: 'Patient list, therapist (care-team scope)', as: 'therapist', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'full'], ...variant, connections: o.connections,
    },
    {
      key: 'overview', title: `Patient overview, nurse (GET /api/patients/:id over ${ids.length} ids)`, as: 'nurse', method: 'GET',
      path: (i) => `/api/patients/${ids[i % ids.length]}`, patientFor: (i) => ids[i % ids.length]!,
      bareVariants: ['data', 'data+session', 'full'], ...main, connections: o.connections,
    },
  ];
}
