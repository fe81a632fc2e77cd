/** The preparation guide and the safety plan as the API returns them (src/server/features/preparation). */
export type SectionId = 'hopes' | 'fears' | 'intentions' | 'safetyPlan' | 'whatToExpect' | 'consent';

export interface Question {
  kind: 'text' | 'check' | 'contacts';
  key: string;
  label: string;
  hint: string;
  /** For the people to call: how many. */
  slots?: number;
}

export interface GuideSection {
  id: SectionId;
  heading: string;
  prompt: string;
  crisisLine?: boolean;
  questions: Question[];
}

export interface SectionCompleteness {
  id: SectionId;
  heading: string;
  status: 'empty' | 'partial' | 'complete';
  missing: string[];
}

export interface Guide {
  appointment: { id: string; patientId: string; courseId: string | null; number: number; start: string; end: string; status: string; therapistId: string };
  patient: { id: string; name: string };
  sections: GuideSection[];
  answers: Record<string, string>;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
  completeness: { complete: boolean; sections: SectionCompleteness[]; empty: SectionId[] };
  crisisResources: string;
  consent: { documentVersion: string; signedAt: string } | null;
  writable: boolean;
}

export interface Contact {
  name: string;
  relationship: string;
  phone: string;
}

export interface SafetyPlan {
  patientId: string;
  whatHelps: string | null;
  contacts: Contact[];
  updatedAt: string | null;
  appointmentId: string | null;
  crisisResources: string;
  clinic: { name: string; phone: string };
}

/** A checkable topic's answer when it was covered. */
export const CHECKED = 'yes';
export const contactKey = (key: string, slot: number, part: keyof Contact) => `${key}.${slot}.${part}`;
