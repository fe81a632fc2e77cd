/**
 * The benchmark clinic of issue #4 §7, as data: 20 rooms, 40 staff with weekly hours and some time off, the demo's two
 * protocols, the clinic's hours and closed days, the fixed "now", and the patients' scheduling preferences. Pure
 * definitions (no database); `load.ts` turns them into rows.
 */
import { Temporal } from 'temporal-polyfill';
import type { TimeOfDay } from '../../src/core/scheduling/availability';

export const ZONE = 'America/Los_Angeles';
/** The app's clock for the whole run: a Tuesday morning, clinic time. */
export const NOW = Temporal.PlainDateTime.from('2026-12-01T08:00').toZonedDateTime(ZONE).toInstant();
export const TODAY = NOW.toZonedDateTimeISO(ZONE).toPlainDate();

export type WeeklyHours = Record<string, [string, string][]>;

const days = (list: number[], from: string, to: string): WeeklyHours => Object.fromEntries(list.map((d) => [String(d), [[from, to]]]));
const MON_FRI = [1, 2, 3, 4, 5];

export const OPENING_HOURS: WeeklyHours = { ...days(MON_FRI, '08:00', '18:00'), 6: [['09:00', '13:00']] };
/** US holidays in the six months around NOW. */
export const CLOSED_DATES = ['2026-09-07', '2026-11-26', '2026-11-27', '2026-12-24', '2026-12-25', '2027-01-01', '2027-01-18', '2027-02-15'];

const DOSING_EQUIPMENT = ['recliner', 'monitor', 'pulse-oximeter', 'bp-cuff', 'eye-mask', 'sound-system'];
const TREES = ['Cedar', 'Willow', 'Fern', 'Aspen', 'Birch', 'Maple', 'Oak', 'Alder', 'Juniper', 'Laurel', 'Hazel', 'Rowan', 'Sequoia', 'Cypress', 'Elm', 'Linden', 'Magnolia', 'Poplar', 'Spruce', 'Yew'];

export interface RoomDef {
  name: string;
  kind: 'dosing' | 'consult' | 'group';
  equipment: string[];
}

/** 13 dosing rooms (recliner and monitoring; 3 with oxygen), 6 consult rooms, 1 group room (no protocol uses it). */
export const ROOMS: RoomDef[] = TREES.map((tree, i): RoomDef => {
  if (i < 6) return { name: `${tree} Consult`, kind: 'consult', equipment: ['couch'] };
  if (i < 19) return { name: `${tree} Room`, kind: 'dosing', equipment: i < 9 ? [...DOSING_EQUIPMENT, 'oxygen'] : DOSING_EQUIPMENT };
  return { name: `${tree} Group Room`, kind: 'group', equipment: ['chairs'] };
});

export type Role = 'therapist' | 'prescriber' | 'nurse' | 'admin';

export interface StaffDef {
  key: string;
  role: Role;
  givenName: string;
  familyName: string;
  email: string;
  hours: WeeklyHours;
  /** Time off (whole local days), relative to TODAY in days. */
  offDays: { from: number; days: number }[];
}

const GIVEN = ['Alex', 'Blair', 'Casey', 'Devon', 'Emery', 'Finley', 'Gray', 'Harper', 'Indy', 'Jules', 'Kai', 'Logan', 'Morgan', 'Noel', 'Oakley', 'Parker', 'Quinn', 'Reese', 'Sage', 'Tatum'];
const FAMILY = ['Abbott', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Khan', 'Lopez', 'Moreau', 'Nguyen', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Vogel', 'Walsh'];

/** 24 therapists (four patterns of hours), 6 prescribers and 6 nurses covering opening hours, 4 admins. */
function staffHours(role: Role, i: number): WeeklyHours {
  if (role === 'therapist') {
    if (i < 14) return days(MON_FRI, '09:00', '17:00');
    if (i < 18) return { ...days([2, 3, 4, 5], '10:00', '18:00'), 6: [['09:00', '13:00']] };
    if (i < 21) return days([1, 2, 3, 4], '08:00', '16:00');
    return days([1, 3, 5], '09:00', '17:00');
  }
  if (role === 'prescriber') {
    if (i < 3) return days(MON_FRI, '08:00', '16:00');
    if (i < 5) return days(MON_FRI, '10:00', '18:00');
    return { ...days([2, 3, 4, 5], '10:00', '18:00'), 6: [['09:00', '13:00']] };
  }
  if (role === 'nurse') {
    if (i < 3) return days(MON_FRI, '08:00', '16:30');
    if (i < 5) return days(MON_FRI, '09:30', '18:00');
    return { ...days([2, 3, 4, 5], '09:30', '18:00'), 6: [['09:00', '13:00']] };
  }
  return days(MON_FRI, '08:00', '17:00');
}

export const STAFF: StaffDef[] = (() => {
  const counts: [Role, number][] = [['therapist', 24], ['prescriber', 6], ['nurse', 6], ['admin', 4]];
  const out: StaffDef[] = [];
  let n = 0;
  for (const [role, count] of counts) {
    for (let i = 0; i < count; i++, n++) {
      const givenName = GIVEN[n % GIVEN.length]!;
      const familyName = FAMILY[(n * 7) % FAMILY.length]!;
      // A week off for each therapist, a few days for the others, spread over the six months (past and future).
      const offDays = role === 'therapist' ? [{ from: -91 + ((i * 11) % 175), days: 7 }] : role === 'admin' ? [] : [{ from: -80 + i * 29, days: 2 }];
      out.push({ key: `${role}${i + 1}`, role, givenName, familyName, email: `${role}${i + 1}@bench-sched.tilth.test`, hours: staffHours(role, i), offDays });
    }
  }
  return out;
})();

export interface Preferences {
  weekdays: number[];
  timesOfDay: TimeOfDay[];
  /** Days after TODAY. */
  earliestInDays: number | null;
  /** Whether a plan can exist at all (an evening-only patient never fits a 2½-hour dose before closing). */
  satisfiable: boolean;
  label: string;
}

const NONE: Preferences = { weekdays: [], timesOfDay: [], earliestInDays: null, satisfiable: true, label: 'none' };

/** Stated preferences of an eligible patient, from a uniform draw: most state none; about 1 in 100 cannot be served. */
export function preferencesFor(u: number, v: number): Preferences {
  if (u < 0.65) return NONE;
  if (u < 0.77) return { ...NONE, timesOfDay: ['morning'], label: 'mornings' };
  if (u < 0.85) return { ...NONE, timesOfDay: ['afternoon'], label: 'afternoons' };
  if (u < 0.92) return { ...NONE, weekdays: [1, 2, 3, 4], label: 'Mon–Thu' };
  if (u < 0.96) return { ...NONE, weekdays: [3, 4, 5], timesOfDay: ['morning', 'afternoon'], label: 'Wed–Fri' };
  if (u < 0.99) return { ...NONE, earliestInDays: 14 + Math.floor(v * 21), label: 'starts in 2–5 weeks' };
  return { ...NONE, timesOfDay: ['evening'], satisfiable: false, label: 'evenings only' };
}

export const GIVEN_NAMES = [
  'Aaliyah', 'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alejandro', 'Alice', 'Amara', 'Amir', 'Ana', 'Andre', 'Angela', 'Anika', 'Ari', 'Ava',
  'Ben', 'Bianca', 'Caleb', 'Camila', 'Carlos', 'Chloe', 'Dana', 'David', 'Deepa', 'Diego', 'Elena', 'Eli', 'Emma', 'Ethan', 'Fatima', 'Felix',
  'Grace', 'Hana', 'Hassan', 'Ian', 'Imani', 'Isaac', 'Jade', 'James', 'Javier', 'Jin', 'Julia', 'Kavya', 'Kenji', 'Laila', 'Leo', 'Lucia',
  'Mai', 'Malik', 'Mateo', 'Mei', 'Nadia', 'Noah', 'Nora', 'Olivia', 'Omar', 'Paul', 'Rachel', 'Rahul', 'Rosa', 'Ruby', 'Sara', 'Sofia',
  'Tariq', 'Tess', 'Tomas', 'Uma', 'Vera', 'Wei', 'Xavier', 'Yara', 'Yusuf', 'Zoe',
];
export const FAMILY_NAMES = [
  'Acosta', 'Adams', 'Ahmed', 'Alvarez', 'Banerjee', 'Barnes', 'Bennett', 'Brooks', 'Bui', 'Campbell', 'Carter', 'Castillo', 'Chang', 'Cohen',
  'Collins', 'Cruz', 'Dubois', 'Edwards', 'Fernandez', 'Flores', 'Foster', 'Goldberg', 'Gomez', 'Gupta', 'Hall', 'Hansen', 'Hayes', 'Hill',
  'Hoang', 'Jackson', 'Kaur', 'Kelly', 'Kim', 'Kowalski', 'Kumar', 'Lee', 'Lewis', 'Martin', 'Mendoza', 'Miller', 'Mitchell', 'Murphy',
  'Novak', 'Obi', 'Ortiz', 'Park', 'Perez', 'Price', 'Ramirez', 'Reed', 'Rivera', 'Robinson', 'Sato', 'Schmidt', 'Scott', 'Shah', 'Singh',
  'Sullivan', 'Taylor', 'Torres', 'Tran', 'Turner', 'Walker', 'Wang', 'Ward', 'White', 'Wong', 'Wright', 'Young', 'Zhang',
];
