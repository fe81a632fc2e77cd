/** GET /api/appointments/:id/integration (src/server/features/integration-session). */
export interface DoseSummary {
  appointmentId: string;
  number: number;
  start: string;
  end: string;
  status: string;
  state: string | null;
  dosedAt: string | null;
  dischargedAt: string | null;
  route: string | null;
  product: string | null;
  orderedMg: number | null;
  givenMg: number | null;
}

export interface IntegrationView {
  appointment: { id: string; number: number; start: string; end: string; status: string; courseId: string | null; therapistId: string };
  patient: { id: string; name: string };
  dose: DoseSummary | null;
}

export interface IntentionRevision {
  id: string;
  text: string;
  createdAt: string;
  writtenBy: { kind: 'patient' | 'staff'; id: string; name: string | null };
}

/** GET /api/patients/:id/checkins (built by the post-dose check-in feature; absent until then). */
export interface Checkin {
  id: string;
  appointmentId: string;
  mood: number;
  sleep: string;
  difficult: string | null;
  safety: string;
  safetyAlertId: string | null;
  createdAt: string;
}
