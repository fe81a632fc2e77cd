/** The journal as the API returns it (src/server/features/journal). */
export interface JournalEntry {
  id: string;
  prompt: string | null;
  promptText: string | null;
  text: string;
  mood: number | null;
  appointmentId: string | null;
  courseId: string | null;
  shared: boolean;
  sharedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JournalPrompt {
  id: string;
  text: string;
  help: string;
}

export interface HeldDose {
  appointmentId: string;
  number: number;
  start: string;
  courseId: string | null;
}

export interface OwnJournal {
  entries: JournalEntry[];
  prompts: JournalPrompt[];
  doses: HeldDose[];
  crisisResources: string;
}

export interface NewEntry {
  prompt: string | null;
  text: string;
  mood: number | null;
  appointmentId: string | null;
}
