/** The controlled-substance ledger's API (src/server/features/ledger/routes.ts): shapes, queries and writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildPath } from '../../api/client';

export type EntryKind = 'received' | 'administered' | 'wasted' | 'adjustment' | 'count';

export interface Lot {
  id: string;
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  expired: boolean;
  balanceMg: number;
  createdAt: string;
  lastCount: { at: string; countedMg: number; expectedMg: number; matched: boolean; by: string | null } | null;
  openDiscrepancies: number;
}

export interface Entry {
  id: string;
  lotId: string;
  kind: EntryKind;
  quantityMg: number;
  balanceAfterMg: number;
  countedMg: number | null;
  administrationId: string | null;
  reason: string | null;
  by: { id: string; name: string | null };
  witness: { id: string; name: string | null } | null;
  at: string;
}

export interface Discrepancy {
  id: string;
  lotId: string;
  product: string;
  form: string;
  lotNumber: string;
  countEntryId: string;
  expectedMg: number;
  countedMg: number;
  differenceMg: number;
  openedAt: string;
  countedBy: string | null;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  adjustmentEntryId: string | null;
}

export interface Ledger {
  timeZone: string;
  today: string;
  lots: Lot[];
  openDiscrepancies: number;
  permissions: { record: boolean; adjust: boolean; resolve: boolean };
}

export interface Figures {
  openingMg: number;
  receivedMg: number;
  administeredMg: number;
  wastedMg: number;
  adjustedMg: number;
  closingMg: number;
  counts: number;
  discrepanciesOpened: number;
  discrepanciesResolved: number;
  discrepanciesOpenAtEnd: number;
}

export interface Report {
  period: { from: string; to: string; timeZone: string; start: string; end: string };
  lots: (Figures & { id: string; product: string; form: string; supplier: string; lotNumber: string; expiresOn: string })[];
  totals: Figures;
  discrepancies: { id: string; lotNumber: string; product: string; expectedMg: number; countedMg: number; differenceMg: number; openedAt: string; resolvedAt: string | null; resolution: string | null }[];
}

export interface NewLot {
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  quantityMg: number;
  note?: string | null;
}

export interface CountResult {
  lot: Lot;
  entry: Entry;
  matches: boolean;
  differenceMg: number;
  discrepancy: Discrepancy | null;
  message: string;
}

export const LEDGER_KEY = ['ledger'] as const;

export const useLedger = () => useQuery({ queryKey: LEDGER_KEY, queryFn: () => api.get<Ledger>('/api/ledger') });

export const useLot = (id: string | null) =>
  useQuery({ queryKey: [...LEDGER_KEY, 'lot', id], queryFn: () => api.get<{ lot: Lot; entries: Entry[]; discrepancies: Discrepancy[] }>(`/api/ledger/lots/${encodeURIComponent(id!)}`), enabled: Boolean(id) });

export const useDiscrepancies = (status: 'open' | 'resolved') =>
  useQuery({ queryKey: [...LEDGER_KEY, 'discrepancies', status], queryFn: () => api.get<{ items: Discrepancy[] }>('/api/ledger/discrepancies', { query: { status } }).then((r) => r.items) });

export const useReport = (period: { from: string; to: string } | null) =>
  useQuery({ queryKey: [...LEDGER_KEY, 'report', period], queryFn: () => api.get<Report>('/api/ledger/report', { query: { ...period! } }), enabled: Boolean(period) });

export const csvHref = (period: { from: string; to: string }): string => buildPath('/api/ledger/report', { ...period, format: 'csv' });

export const ledgerApi = {
  receiveLot: (body: NewLot) => api.post<{ lot: Lot; entry: Entry }>('/api/ledger/lots', body),
  receipt: (lotId: string, body: { quantityMg: number; note?: string | null }) => api.post<{ lot: Lot; entry: Entry }>(`/api/ledger/lots/${lotId}/receipts`, body),
  waste: (lotId: string, body: { quantityMg: number; reason: string; witness: { email: string; password: string } }) => api.post<{ lot: Lot; entry: Entry }>(`/api/ledger/lots/${lotId}/waste`, body),
  adjust: (lotId: string, body: { quantityMg: number; reason: string }) => api.post<{ lot: Lot; entry: Entry }>(`/api/ledger/lots/${lotId}/adjustments`, body),
  count: (lotId: string, body: { countedMg: number; note?: string | null }) => api.post<CountResult>(`/api/ledger/lots/${lotId}/counts`, body),
  resolve: (id: string, body: { resolution: string; adjust: boolean }) => api.post<{ discrepancy: Discrepancy; adjustment: Entry | null; lot: Lot }>(`/api/ledger/discrepancies/${id}/resolve`, body),
};

/** Any ledger write: every ledger view is read again afterwards. */
export function useLedgerMutation<V, R>(write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => queryClient.invalidateQueries({ queryKey: LEDGER_KEY }) });
}

const mgFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
/** "3,000 mg"; `signed` shows "+500 mg" / "−25.5 mg". */
export function mg(value: number, signed = false): string {
  const text = `${mgFormat.format(Math.abs(value))} mg`;
  if (value < 0) return `−${text}`;
  return signed && value > 0 ? `+${text}` : text;
}

export const KIND_LABEL: Record<EntryKind, string> = {
  received: 'Received',
  administered: 'Administered',
  wasted: 'Wasted',
  adjustment: 'Adjustment',
  count: 'Count',
};
