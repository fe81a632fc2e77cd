/**
 * Shapes of the questionnaire API's answers (src/server/features/instruments/routes.ts and
 * src/server/features/questionnaires/schemas.ts are the contract; these mirror them).
 */
export interface InstrumentSummary {
  id: string;
  version: string;
  title: string;
  shortTitle: string;
  itemCount: number;
  origin: 'shipped' | 'imported';
  requiresSex: boolean;
  loinc: { panel?: string; total?: string };
}

export interface AnswerOption {
  value: number;
  label: string;
  loinc?: string;
}

export interface InstrumentItem {
  id: string;
  text: string;
  answerSet: string;
  loinc?: string;
  scored: boolean;
  required: boolean;
  reverse: boolean;
}

export interface InstrumentDefinition {
  id: string;
  version: string;
  title: string;
  shortTitle: string;
  instructions: string;
  itemStem?: string;
  source: string;
  licence: string;
  requiresSex: boolean;
  answerSets: Record<string, AnswerOption[]>;
  items: InstrumentItem[];
  scoring: {
    ruleVersion: string;
    severity?: { min: number; max: number; band: string; label: string }[];
    flags: { id: string; item: string; minValue: number; message: string }[];
    mcid?: number;
  };
}

export interface Assignment {
  id: string;
  patientId: string;
  instrument: { id: string; title: string; shortTitle: string };
  dueAt: string;
  status: 'pending' | 'completed' | 'cancelled';
  available: boolean;
  overdue: boolean;
  doseId: string | null;
  offsetHours: number | null;
  /** "24 h after the dose", "before the dose", or null for calendar and one-off questionnaires. */
  anchor: string | null;
  scheduleId: string | null;
  draftAnswers: (number | null)[] | null;
  responseId: string | null;
}

export interface QuestionnaireLists {
  due: Assignment[];
  upcoming: Assignment[];
  completed: Assignment[];
}

export interface QuestionnaireResponse {
  id: string;
  patientId: string;
  instrument: string;
  instrumentVersion: string;
  ruleVersion: string;
  answers: number[];
  total: number;
  severity: string | null;
  positive: boolean | null;
  subscales: Record<string, number> | null;
  dsm5Criteria: boolean | null;
  flags: string[];
  submittedAt: string;
  enteredByKind: 'patient' | 'staff';
  onBehalf: boolean;
  assignmentId: string | null;
  doseId: string | null;
  offsetHours: number | null;
  version: number;
  supersedesId: string | null;
  correctionReason: string | null;
  current: boolean;
}

export interface Submitted {
  response: QuestionnaireResponse;
  safetyAlerts: { id: string; flag: string; message: string }[];
  /** The clinic's crisis resources: present when a safety flag was raised, to be shown at once. */
  crisisResources: string | null;
}

export type ScheduleKind = 'once' | 'calendar' | 'dose-anchored';

export interface Schedule {
  id: string;
  patientId: string;
  instrument: string;
  kind: ScheduleKind;
  offsetsHours: number[];
  everyDays: number | null;
  startsAt: string;
  endsAt: string | null;
  active: boolean;
}

export interface Dose {
  id: string;
  dosedAt: string;
  note: string | null;
}

export type AnswerSex = 'female' | 'male';
