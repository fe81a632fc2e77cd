/**
 * The patient's own timeline: the staff timeline projected to what a patient sees, field by field (nothing is spread,
 * so a field added to a staff event never reaches the patient unnoticed).
 *
 * What the patient sees, and why:
 * - their intentions, their check-ins, ALL their journal entries (each marked shared or private) and the action plan
 *   they keep with their therapist (its review notes included: the plan is a shared document, written with them);
 * - each dose: date, route and the amount given in mg. A clinic tells a patient what they were given (it is on every
 *   medication label, and the record is theirs to read); mg/kg, the product, the order and any override are the
 *   prescriber's working and stay out;
 * - their questionnaire scores with the band in plain words, whether this was their starting score, and two plain
 *   milestones (score halved since the start = response; in the lowest range = remission);
 * - their sessions (preparation, integration, follow-up): when, and whether held; never any note text or theme;
 * - nothing of vital signs, alerts, observations or adverse events (the clinical team's monitoring record, discussed
 *   with the patient in person), and no safety flags.
 */
import type { PatientTimelineEvent, TimelineEvent } from './events';

/** Plain words for the shipped instruments; an imported one keeps its own short title. */
const PLAIN_TITLES: Record<string, string> = {
  'phq-9': 'Mood (PHQ-9)',
  'gad-7': 'Worry and anxiety (GAD-7)',
  'pcl-5': 'Stress after trauma (PCL-5)',
};

const PLAIN_BANDS: Record<string, string> = {
  none: 'Few or no symptoms',
  minimal: 'Few or no symptoms',
  mild: 'Mild symptoms',
  moderate: 'Moderate symptoms',
  'moderately-severe': 'Fairly strong symptoms',
  severe: 'Strong symptoms',
};

export function plainTitle(instrumentId: string, shortTitle: string): string {
  return PLAIN_TITLES[instrumentId] ?? shortTitle;
}

/** The band in plain words; an unknown band falls back to its own label ("High" → "High"). */
export function plainBand(band: string | null, label: string | null): string | null {
  if (band === null) return null;
  return PLAIN_BANDS[band] ?? label ?? null;
}

export function toPatientEvent(e: TimelineEvent): PatientTimelineEvent | null {
  switch (e.kind) {
    case 'session':
      return { kind: 'session', id: e.id, at: e.at, sessionKind: e.sessionKind, number: e.number, status: e.status };
    case 'intention':
      return { kind: 'intention', id: e.id, at: e.at, doseNumber: e.doseNumber, text: e.text };
    case 'dose':
      return { kind: 'dose', id: e.id, at: e.at, number: e.number, state: e.state, route: e.summary.route, mg: e.summary.givenMg };
    case 'questionnaire':
      return {
        kind: 'questionnaire', id: e.id, at: e.at, instrumentId: e.instrumentId, title: plainTitle(e.instrumentId, e.instrumentTitle), total: e.total,
        maxTotal: e.maxTotal, band: plainBand(e.severity, e.severityLabel), halvedSinceStart: e.response, lowRange: e.remission, start: e.baseline,
      };
    case 'checkin':
      return { kind: 'checkin', id: e.id, at: e.at, doseNumber: e.doseNumber, mood: e.mood, sleep: e.sleep, safety: e.safety, difficult: e.difficult };
    case 'journal':
      return { kind: 'journal', id: e.id, at: e.at, entryId: e.entryId, doseNumber: e.doseNumber, prompt: e.prompt, text: e.text, mood: e.mood, shared: e.shared };
    case 'action-plan':
      return {
        kind: 'action-plan', id: e.id, at: e.at, itemId: e.itemId, change: e.change, status: e.status, insight: e.insight, commitment: e.commitment,
        timeframe: e.timeframe, measure: e.measure, note: e.note, by: e.by,
      };
    case 'vitals-alert':
    case 'observation':
    case 'adverse-event':
      return null;
    default: {
      const unknown: never = e;
      throw new Error(`no patient projection for ${(unknown as TimelineEvent).kind}`);
    }
  }
}

export function toPatientTimeline(events: readonly TimelineEvent[]): PatientTimelineEvent[] {
  return events.map(toPatientEvent).filter((e): e is PatientTimelineEvent => e !== null);
}
