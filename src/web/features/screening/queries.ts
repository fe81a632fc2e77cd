/**
 * Screening and eligibility (src/server/features/screening/schemas.ts is the contract): the vocabulary, a patient's
 * screening record with its live evaluation, the pure evaluation, the rule set, decisions and co-signatures.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { patientKey } from '../patients/queries';

export type Outcome = 'eligible' | 'needs-review' | 'ineligible';

export interface Reason {
  rule: string;
  outcome: 'ineligible' | 'needs-review';
  message: string;
  source: string;
  clinicPolicy: boolean;
}

export interface Evaluation {
  outcome: Outcome;
  reasons: Reason[];
  ruleSetVersion: string;
}

export interface Facts {
  indications: string[];
  conditions: string[];
  bloodPressure?: { systolic: number; diastolic: number };
  auditC?: { total: number; sex: 'female' | 'male' };
  phq9Item9?: number;
}

interface ResponseSummary {
  responseId: string;
  total: number;
  severity: string | null;
  positive: boolean | null;
  submittedAt: string;
}

export interface ScreeningView {
  patientId: string;
  indications: string[];
  conditions: string[];
  medicalHistory: string | null;
  psychiatricHistory: string | null;
  medications: string | null;
  bloodPressure: { systolic: number; diastolic: number; measuredAt: string | null } | null;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByName: string | null;
  questionnaires: {
    phq9: (ResponseSummary & { item9: number | null }) | null;
    auditC: (ResponseSummary & { sex: 'female' | 'male' | null; evaluatedAs: 'female' | 'male' }) | null;
    gad7: ResponseSummary | null;
    pcl5: ResponseSummary | null;
  };
  facts: Facts;
  evaluation: Evaluation;
  permissions: { editScreening: boolean; decideEligibility: boolean };
}

export interface ScreeningBody {
  indications: string[];
  conditions: string[];
  medicalHistory: string | null;
  psychiatricHistory: string | null;
  medications: string | null;
  bloodPressure?: { systolic: number; diastolic: number; measuredAt?: string | null } | null;
}

export interface Decision {
  id: string;
  patientId: string;
  decision: 'eligible' | 'ineligible';
  status: 'final' | 'awaiting-cosign' | 'withdrawn';
  evaluatedOutcome: Outcome;
  override: boolean;
  overrideReason: string | null;
  reasons: Reason[];
  facts: Facts;
  ruleSetVersion: string;
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: string;
  cosignedBy: string | null;
  cosignedByName: string | null;
  cosignedAt: string | null;
  permissions: { cosign: boolean; withdraw: boolean };
}

export interface Vocabulary {
  indications: { id: string; label: string }[];
  conditions: { id: string; label: string }[];
  outcomes: string[];
}

const enc = encodeURIComponent;
const screeningKey = (patientId: string) => ['measurement', patientId, 'screening'] as const;
const decisionsKey = (patientId: string) => ['measurement', patientId, 'eligibility-decisions'] as const;

export function useVocabulary() {
  return useQuery({ queryKey: ['eligibility', 'vocabulary'], queryFn: () => api.get<Vocabulary>('/api/eligibility/vocabulary'), staleTime: Infinity });
}

export function useScreening(patientId: string) {
  return useQuery({ queryKey: screeningKey(patientId), queryFn: () => api.get<ScreeningView>(`/api/patients/${enc(patientId)}/screening`) });
}

export function useDecisions(patientId: string) {
  return useQuery({
    queryKey: decisionsKey(patientId),
    queryFn: () => api.get<{ items: Decision[] }>(`/api/patients/${enc(patientId)}/eligibility-decisions`).then((r) => r.items),
  });
}

export function useAwaitingCosign(enabled: boolean) {
  return useQuery({
    queryKey: ['eligibility', 'awaiting-cosign'],
    queryFn: () => api.get<{ items: (Decision & { patientName: string })[] }>('/api/eligibility-decisions/awaiting-cosign').then((r) => r.items),
    enabled,
  });
}

export function useSaveScreening(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScreeningBody) => api.put<ScreeningView>(`/api/patients/${enc(patientId)}/screening`, body),
    onSuccess: (view) => queryClient.setQueryData(screeningKey(patientId), view),
  });
}

/** Deciding, co-signing or withdrawing: the patient's status may move, so the record and lists are refreshed too. */
export function useDecisionMutation<V>(patientId: string, write: (vars: V) => Promise<Decision>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: decisionsKey(patientId) });
      void queryClient.invalidateQueries({ queryKey: patientKey(patientId) });
      void queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['eligibility', 'awaiting-cosign'] });
    },
  });
}

export const eligibilityApi = {
  evaluate: (facts: Facts, signal?: AbortSignal) => api.post<Evaluation>('/api/eligibility/evaluate', facts, signal ? { signal } : {}),
  decide: (patientId: string, body: { decision: 'eligible' | 'ineligible'; reason: string | null }) => api.post<Decision>(`/api/patients/${enc(patientId)}/eligibility-decisions`, body),
  cosign: (id: string) => api.post<Decision>(`/api/eligibility-decisions/${enc(id)}/cosign`),
  withdraw: (id: string) => api.post<Decision>(`/api/eligibility-decisions/${enc(id)}/withdraw`),
};

export const OUTCOME_LABEL: Record<Outcome, string> = { eligible: 'Eligible', 'needs-review': 'Needs review', ineligible: 'Ineligible' };
export const OUTCOME_COLOR: Record<Outcome, string> = { eligible: 'teal', 'needs-review': 'yellow', ineligible: 'red' };
