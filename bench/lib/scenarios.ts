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
  body?: string;
  /** The patient id the i-th request is about, when it rotates over patients (the bare replay substitutes it). */
  patientFor?(i: number): string;
  /** Bare-driver variants to run (the overview and the plain list get the full attribution). */
  bareVariants: BareVariant[];
  /** Seconds of measured HTTP load (after the warm-up). */
  seconds: number;
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
  connections: number;
  signInConnections: number;
}

export function scenarios(ds: Dataset, demoPassword: string, o: ScenarioOptions): Scenario[] {
  const ids = ds.patientIds;
  const short = Math.max(3, Math.round(o.seconds * 0.6));
  return [
    {
      key: 'sign-in', title: 'Sign in (POST /api/session, nurse)', as: 'anonymous', method: 'POST', path: () => '/api/session',
      body: JSON.stringify({ email: ds.nurse.email, password: demoPassword }), bareVariants: ['full', 'full+argon2'], seconds: short,
      connections: o.signInConnections,
    },
    {
      key: 'list', title: 'Patient list, nurse (GET /api/patients?limit=50)', as: 'nurse', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'data+session', 'full'], seconds: o.seconds, connections: o.connections,
    },
    {
      key: 'list-search', title: `Patient list, name search (?query=${ds.searchTerm})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&query=${encodeURIComponent(ds.searchTerm)}`, bareVariants: ['data', 'full'], seconds: short,
      connections: o.connections,
    },
    {
      key: 'list-status', title: `Patient list, status filter (?status=${ds.statusFilter})`, as: 'nurse', method: 'GET',
      path: () => `/api/patients?limit=50&status=${ds.statusFilter}`, bareVariants: ['data', 'full'], seconds: short, connections: o.connections,
    },
    {
      key: 'list-therapist', title: 'Patient list, therapist (care-team scope)', as: 'therapist', method: 'GET', path: () => '/api/patients?limit=50',
      bareVariants: ['data', 'full'], seconds: short, connections: o.connections,
    },
    {
      key: 'overview', title: `Patient overview, nurse (GET /api/patients/:id over ${ids.length} ids)`, as: 'nurse', method: 'GET',
      path: (i) => `/api/patients/${ids[i % ids.length]}`, patientFor: (i) => ids[i % ids.length]!,
      bareVariants: ['data', 'data+session', 'full'], seconds: o.seconds, connections: o.connections,
    },
  ];
}
