/** The action plan as the API returns it (src/server/features/action-plan). */
export type PlanStatus = 'active' | 'done' | 'dropped';

export interface Author {
  kind: 'patient' | 'staff';
  id: string;
  name: string | null;
}

export interface PlanChange {
  id: string;
  change: 'created' | 'revised' | 'reviewed';
  status: PlanStatus;
  snapshot: Record<string, string>;
  note: string | null;
  appointmentId: string | null;
  by: Author;
  at: string;
}

export interface PlanItem {
  id: string;
  patientId: string;
  courseId: string | null;
  insight: string;
  commitment: string;
  timeframe: string;
  measure: string;
  status: PlanStatus;
  createdBy: Author;
  createdAt: string;
  updatedAt: string;
  history: PlanChange[];
  lastReviewedAt: string | null;
}

export interface ItemWording {
  insight: string;
  commitment: string;
  timeframe: string;
  measure: string;
}

export const STATUS_LABEL: Record<PlanStatus, string> = { active: 'Active', done: 'Done', dropped: 'Dropped' };
export const STATUS_COLOR: Record<PlanStatus, string> = { active: 'sage', done: 'blue', dropped: 'gray' };
/** The statuses an item may move to (src/core/action-plan: done ↔ dropped goes through active). */
export const NEXT_STATUSES: Record<PlanStatus, PlanStatus[]> = { active: ['active', 'done', 'dropped'], done: ['done', 'active'], dropped: ['dropped', 'active'] };
export const CHANGE_LABEL: Record<PlanChange['change'], string> = { created: 'Added', revised: 'Revised', reviewed: 'Reviewed at integration' };
