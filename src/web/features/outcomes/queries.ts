/** Outcomes (src/server/features/outcomes/routes.ts): one patient's trajectory on an instrument, and the clinic view. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface ScorePoint {
  at: string;
  total: number;
}

export interface TrajectorySummary {
  baseline: ScorePoint | null;
  latest: ScorePoint | null;
  change: number | null;
  relativeChange: number | null;
  response: boolean;
  remission: boolean;
  clinicalChange: 'improved' | 'worse' | 'no-clear-change' | null;
  firstResponseAt: string | null;
  firstRemissionAt: string | null;
}

export interface Trajectory {
  instrument: { id: string; title: string; shortTitle: string; maxTotal: number };
  bands: { band: string; label: string; min: number; max: number }[];
  mcid: number | null;
  remissionBelow: number | null;
  points: { at: string; total: number; severity: string | null; positive: boolean | null; responseId: string; doseId: string | null; offsetHours: number | null }[];
  doses: { id: string; at: string }[];
  summary: TrajectorySummary;
}

export interface ClinicOutcomeRow {
  patientId: string;
  name: string;
  status: string;
  scores: Record<
    string,
    { latest: number; latestAt: string; severity: string | null; baseline: number; change: number | null; response: boolean; remission: boolean; clinicalChange: string | null }
  >;
  overdueQuestionnaires: number;
  openAlerts: number;
}

export function useTrajectory(patientId: string, instrument: string) {
  return useQuery({
    queryKey: ['measurement', patientId, 'trajectory', instrument],
    queryFn: () => api.get<Trajectory>(`/api/patients/${encodeURIComponent(patientId)}/trajectory`, { query: { instrument } }),
  });
}

export function useClinicOutcomes() {
  return useQuery({ queryKey: ['outcomes'], queryFn: () => api.get<{ items: ClinicOutcomeRow[] }>('/api/outcomes').then((r) => r.items), staleTime: 0 });
}
