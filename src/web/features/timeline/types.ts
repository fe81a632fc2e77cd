/** The course timeline as the server sends it (src/server/features/timeline/schemas.ts). */
export type DoseState = 'booked' | 'in-progress' | 'given' | 'aborted' | 'no-show';
export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';
type SessionKind = 'preparation' | 'integration' | 'follow-up';
type PlanChange = {
  itemId: string; change: 'created' | 'revised' | 'reviewed'; status: 'active' | 'done' | 'dropped'; insight: string; commitment: string; timeframe: string; measure: string;
  note: string | null; by: 'patient' | 'staff';
};
type Checkin = { doseNumber: number; mood: number; sleep: string; safety: string; difficult: string | null };
interface Base {
  id: string;
  at: string;
}

export interface DoseSummary {
  route: string | null;
  product: string | null;
  orderedMg: number | null;
  givenMg: number | null;
  weightKg: number | null;
  mgPerKg: number | null;
  infusionMinutes: number | null;
  overridden: boolean;
  vitals: {
    readings: number; peakSystolic: number; peakDiastolic: number; peakHeartRate: number; lowestSpo2: number;
    preDose: { systolic: number; diastolic: number; heartRate: number; spo2: number } | null;
  } | null;
  alerts: { warn: number; act: number; unacknowledged: number };
  adverseEvents: number;
  peakSedation: number | null;
  peakDissociation: number | null;
}

export type StaffEvent =
  | (Base & { kind: 'session'; appointmentId: string; sessionKind: SessionKind; number: number; status: AppointmentStatus; end: string; themes: string[] })
  | (Base & { kind: 'intention'; appointmentId: string; doseNumber: number; text: string; writtenBy: 'patient' | 'staff'; revisions: number })
  | (Base & { kind: 'dose'; appointmentId: string; number: number; state: DoseState; dosed: boolean; dischargedAt: string | null; abortReason: string | null; summary: DoseSummary })
  | (Base & { kind: 'vitals-alert'; appointmentId: string; doseNumber: number; level: 'warn' | 'act'; vital: string; message: string; acknowledged: boolean; action: string | null })
  | (Base & { kind: 'observation'; appointmentId: string; doseNumber: number; observation: string; level: number | null; text: string | null })
  | (Base & { kind: 'adverse-event'; appointmentId: string; doseNumber: number; eventType: string; severity: 'mild' | 'moderate' | 'severe'; actionTaken: string | null; text: string | null })
  | (Base & {
      kind: 'questionnaire'; responseId: string; instrumentId: string; instrumentTitle: string; total: number; maxTotal: number | null; severity: string | null;
      severityLabel: string | null; baseline: boolean; change: number | null; response: boolean; remission: boolean; firstResponse: boolean; firstRemission: boolean;
      flagged: boolean; doseNumber: number | null; offsetHours: number | null;
    })
  | (Base & { kind: 'checkin'; appointmentId: string } & Checkin)
  | (Base & { kind: 'journal'; entryId: string; doseNumber: number | null; prompt: string | null; text: string; mood: number | null; shared: boolean; sharedAt: string | null })
  | (Base & { kind: 'action-plan' } & PlanChange);

export type PatientEvent =
  | (Base & { kind: 'session'; sessionKind: SessionKind; number: number; status: AppointmentStatus })
  | (Base & { kind: 'intention'; doseNumber: number; text: string })
  | (Base & { kind: 'dose'; number: number; state: DoseState; route: string | null; mg: number | null })
  | (Base & { kind: 'questionnaire'; instrumentId: string; title: string; total: number; maxTotal: number | null; band: string | null; halvedSinceStart: boolean; lowRange: boolean; start: boolean })
  | (Base & { kind: 'checkin' } & Checkin)
  | (Base & { kind: 'journal'; entryId: string; doseNumber: number | null; prompt: string | null; text: string; mood: number | null; shared: boolean })
  | (Base & { kind: 'action-plan' } & PlanChange);

export interface CourseRef {
  id: string;
  status: 'planned' | 'booked' | 'paused' | 'completed' | 'cancelled';
  route: string;
  createdAt: string;
}

export interface ShownCourse extends CourseRef {
  from: string;
  to: string | null;
  firstDoseAt: string | null;
}

export interface StaffTimeline {
  patientId: string;
  course: ShownCourse | null;
  courses: CourseRef[];
  instruments: { id: string; title: string; shortTitle: string; maxTotal: number; bands: { band: string; label: string; min: number; max: number }[]; remissionBelow: number | null; responseBaselineAtLeast: number | null }[];
  events: StaffEvent[];
}

export interface PatientTimeline {
  course: ShownCourse | null;
  courses: CourseRef[];
  instruments: { id: string; title: string; maxTotal: number; bands: { label: string; min: number; max: number }[] }[];
  events: PatientEvent[];
}

/** What the chart needs of either timeline: scores per instrument and the doses. */
export interface ChartSeries {
  instrumentId: string;
  title: string;
  maxTotal: number;
  bands: { label: string; min: number; max: number }[];
  points: { at: string; total: number; response: boolean; remission: boolean; baseline: boolean }[];
}
