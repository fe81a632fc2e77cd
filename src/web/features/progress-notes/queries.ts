/** Progress-note reads and writes; every write refreshes the session's and the patient's notes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Addendum, NoteTemplate, ProgressNote } from './types';

const enc = encodeURIComponent;

export const noteKeys = {
  session: (appointmentId: string) => ['progress-notes', 'session', appointmentId] as const,
  patient: (patientId: string) => ['progress-notes', 'patient', patientId] as const,
  templates: ['note-templates'] as const,
};

export function useSessionNotes(appointmentId: string | null) {
  return useQuery({
    queryKey: noteKeys.session(appointmentId ?? ''),
    queryFn: () => api.get<{ notes: ProgressNote[] }>(`/api/appointments/${enc(appointmentId!)}/progress-notes`).then((r) => r.notes),
    enabled: Boolean(appointmentId),
  });
}

export function useNoteTemplates() {
  return useQuery({
    queryKey: noteKeys.templates,
    queryFn: () => api.get<{ templates: NoteTemplate[] }>('/api/note-templates').then((r) => r.templates),
    staleTime: 60_000,
  });
}

function useRefresh(appointmentId: string, patientId: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: noteKeys.session(appointmentId) }),
    client.invalidateQueries({ queryKey: noteKeys.patient(patientId) }),
  ]);
}

export function useSaveDraft(appointmentId: string, patientId: string) {
  const refresh = useRefresh(appointmentId, patientId);
  return useMutation({
    mutationFn: (body: { structured: Record<string, string>; text: string }) => api.put<ProgressNote>(`/api/appointments/${enc(appointmentId)}/progress-note`, body),
    onSuccess: refresh,
  });
}

export function useSignNote(appointmentId: string, patientId: string) {
  const refresh = useRefresh(appointmentId, patientId);
  return useMutation({
    mutationFn: () => api.post<ProgressNote>(`/api/appointments/${enc(appointmentId)}/progress-note/sign`),
    onSuccess: refresh,
  });
}

export function useAddAddendum(appointmentId: string, patientId: string) {
  const refresh = useRefresh(appointmentId, patientId);
  return useMutation({
    mutationFn: ({ noteId, text }: { noteId: string; text: string }) => api.post<Addendum>(`/api/progress-notes/${enc(noteId)}/addenda`, { text }),
    onSuccess: refresh,
  });
}
