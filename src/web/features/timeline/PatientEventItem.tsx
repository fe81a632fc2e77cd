/** One event of the patient's own timeline, in plain words. */
import { Text } from '@mantine/core';
import { DOSE_STATE_LABEL, mg, PLAN_CHANGE_LABEL, PLAN_STATUS_LABEL, routeLabel, SESSION_LABEL, SESSION_STATUS_LABEL, SLEEP_WORDS } from './labels';
import type { PatientEvent } from './types';

export function patientTitle(e: PatientEvent): string {
  switch (e.kind) {
    case 'session': return `${SESSION_LABEL[e.sessionKind] ?? e.sessionKind} ${e.number} (${SESSION_STATUS_LABEL[e.status] ?? e.status})`;
    case 'intention': return `Your intention for dose ${e.doseNumber}`;
    case 'dose': return `Dose ${e.number}: ${DOSE_STATE_LABEL[e.state].toLowerCase()}`;
    case 'questionnaire': return `${e.title}: ${e.total}${e.maxTotal !== null ? ` out of ${e.maxTotal}` : ''}`;
    case 'checkin': return `Your morning-after check-in (dose ${e.doseNumber})`;
    case 'journal': return `Journal entry · ${e.shared ? 'shared with your care team' : 'private (only you can see it)'}`;
    case 'action-plan': return `${PLAN_CHANGE_LABEL[e.change] ?? e.change}: ${e.commitment}`;
  }
}

export function PatientEventDetails({ e }: { e: PatientEvent }) {
  switch (e.kind) {
    case 'session':
      return null;
    case 'intention':
      return <Text fz="sm" mt={4}>“{e.text}”</Text>;
    case 'dose':
      // A booked dose has no order yet: nothing to say beyond its date.
      return e.route === null ? null : <Text fz="sm" mt={4}>{routeLabel(e.route)}{e.mg !== null ? ` · ${mg(e.mg)} ketamine given` : ''}</Text>;
    case 'questionnaire':
      return (
        <Text fz="sm" mt={4}>
          {[
            e.band,
            e.start ? 'your starting score' : null,
            e.halvedSinceStart ? 'half or less of your starting score' : null,
            e.lowRange ? 'in the lowest range' : null,
          ].filter(Boolean).join(' · ') || 'Lower scores mean fewer symptoms.'}
        </Text>
      );
    case 'checkin':
      return <Text fz="sm" mt={4}>Mood {e.mood} of 10 · {SLEEP_WORDS[e.sleep] ?? e.sleep}{e.difficult ? ` · “${e.difficult}”` : ''}</Text>;
    case 'journal':
      return <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>{e.text}{e.mood !== null ? ` (mood ${e.mood} of 10)` : ''}</Text>;
    case 'action-plan':
      return (
        <Text fz="sm" mt={4}>
          What you noticed: {e.insight || '—'} · {e.timeframe || 'no timeframe'} · how you will know: {e.measure || '—'} · now {PLAN_STATUS_LABEL[e.status]}
          {e.note ? ` · “${e.note}”` : ''}
        </Text>
      );
  }
}
