/** Journal reads and writes. The patient's own journal, and the care team's view of what the patient shares. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { JournalEntry, NewEntry, OwnJournal } from './types';

const enc = encodeURIComponent;
const OWN = ['my-journal'] as const;

export const journalKeys = {
  own: OWN,
  shared: (patientId: string, since: string | null) => ['journal', 'shared', patientId, since ?? ''] as const,
};

export function useOwnJournal() {
  return useQuery({ queryKey: OWN, queryFn: () => api.get<OwnJournal>('/api/me/journal') });
}

function useOwnMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: OWN }) });
}

export const useWriteEntry = () => useOwnMutation((body: NewEntry) => api.post<JournalEntry>('/api/me/journal', body));
export const useEditEntry = () =>
  useOwnMutation(({ id, ...body }: { id: string; text?: string; mood?: number | null }) => api.patch<JournalEntry>(`/api/me/journal/${enc(id)}`, body));
export const useDeleteEntry = () => useOwnMutation((id: string) => api.delete<void>(`/api/me/journal/${enc(id)}`));
export const useShareEntry = () =>
  useOwnMutation(({ id, share }: { id: string; share: boolean }) =>
    share ? api.put<JournalEntry>(`/api/me/journal/${enc(id)}/share`, {}) : api.delete<JournalEntry>(`/api/me/journal/${enc(id)}/share`));

/** What the patient shares with the care team, written since `since` (all of it when null). */
export function useSharedEntries(patientId: string, since: string | null) {
  return useQuery({
    queryKey: journalKeys.shared(patientId, since),
    queryFn: () => api.get<{ entries: JournalEntry[] }>(`/api/patients/${enc(patientId)}/journal`, { query: { since } }).then((r) => r.entries),
  });
}
