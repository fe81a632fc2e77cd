/** Shared pieces of the access matrix; each feature adds its rows in a module of this folder (see index.ts). */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../helpers/test-app';

export const WHO = ['admin', 'prescriber', 'nurse', 'therapist', 'patient', 'anonymous', 'otherClinic'] as const;
export type Who = (typeof WHO)[number];
export type Expected = Record<Who, number>;

/** Statuses in WHO order: admin prescriber nurse therapist patient anonymous otherClinic. */
export const row = (statuses: string): Expected => {
  const list = statuses.trim().split(/\s+/).map(Number);
  expect(list).toHaveLength(WHO.length);
  return Object.fromEntries(WHO.map((w, i) => [w, list[i]])) as Expected;
};

export interface Case {
  name: string;
  expect: Expected;
  request(who: Who): Promise<InjectOptions> | InjectOptions;
  /** Sign in afresh for this request (it ends the session). */
  freshSession?: boolean;
  /** Undo what a successful request changed, so later rows see the same world. */
  after?(who: Who, status: number): Promise<void>;
}


export interface MatrixIds {
  therapist: string;
  therapist2: string;
  prescriber: string;
  patient1: string;
  patient2: string;
  room: string;
}

/** What a feature's rows may use; read lazily (inside `request`), once the test app is up. */
export interface MatrixEnv {
  t(): TestApp;
  ids(): MatrixIds;
  session(who: Who): Session;
  /** A fresh patient on therapist@'s care team, or for the patient column their own record. */
  teamPatient(who: Who): Promise<string>;
  /** A fresh patient on therapist2@'s care team, or for the patient column another patient's record. */
  otherTeamPatient(who: Who): Promise<string>;
  /** Two rows for a patient route: "team" and "not team" (see access-matrix.test.ts). */
  patientCases(path: string, method: InjectOptions['method'], payload: unknown, team: string, notTeam: string): Case[];
}
