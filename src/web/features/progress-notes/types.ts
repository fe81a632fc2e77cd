/** Progress notes as the API returns them (src/server/features/progress-notes/view.ts). */
export type NoteKind = 'preparation' | 'dosing' | 'integration';

export interface Addendum {
  id: string;
  noteId: string;
  authorId: string;
  authorName: string;
  text: string;
  signedAt: string;
}

export interface ProgressNote {
  id: string;
  appointmentId: string;
  patientId: string;
  authorId: string;
  authorName: string;
  kind: NoteKind;
  status: 'draft' | 'signed';
  structured: Record<string, string>;
  text: string;
  createdAt: string;
  updatedAt: string;
  signedAt: string | null;
  signedBy: string | null;
  addenda: Addendum[];
}

export interface Prompt {
  key: string;
  label: string;
  hint: string;
}

export interface NoteTemplate {
  kind: NoteKind;
  prompts: Prompt[];
  fields: Prompt[];
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}
