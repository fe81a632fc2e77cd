/** One event of the staff timeline: its title and details in words (numbers with their units). */
import { List, Text } from '@mantine/core';
import { bandLabel, offsetLabel } from '../questionnaires/labels';
import {
  DOSE_STATE_LABEL, mg, OBSERVATION_LABEL, PLAN_CHANGE_LABEL, PLAN_STATUS_LABEL, routeLabel, SAFETY_WORDS, SESSION_LABEL, SESSION_STATUS_LABEL, SLEEP_WORDS,
} from './labels';
import type { DoseSummary, StaffEvent } from './types';

export function staffTitle(e: StaffEvent): string {
  switch (e.kind) {
    case 'session': return `${SESSION_LABEL[e.sessionKind] ?? e.sessionKind} ${e.number} (${SESSION_STATUS_LABEL[e.status] ?? e.status})`;
    case 'intention': return `Intention for dose ${e.doseNumber}`;
    case 'dose': return `Dose ${e.number}: ${DOSE_STATE_LABEL[e.state]}${e.summary.givenMg !== null ? `, ${mg(e.summary.givenMg)}` : ''}`;
    case 'vitals-alert': return `${e.level === 'act' ? 'Act' : 'Warning'}: ${e.message}`;
    case 'observation': return `${OBSERVATION_LABEL[e.observation] ?? e.observation}${e.level !== null ? ` level ${e.level}` : ''} (dose ${e.doseNumber})`;
    case 'adverse-event': return `${bandLabel(e.eventType)}, ${e.severity} (dose ${e.doseNumber})`;
    case 'questionnaire': return `${e.instrumentTitle} ${e.total}${e.maxTotal !== null ? ` of ${e.maxTotal}` : ''}${e.severityLabel ? `, ${e.severityLabel.toLowerCase()}` : ''}`;
    case 'checkin': return `Morning-after check-in (dose ${e.doseNumber})`;
    case 'journal': return `Journal entry shared by the patient${e.doseNumber !== null ? ` (about dose ${e.doseNumber})` : ''}`;
    case 'action-plan': return `${PLAN_CHANGE_LABEL[e.change] ?? e.change}: ${e.commitment}`;
  }
}

function DoseDetails({ s, e }: { s: DoseSummary; e: Extract<StaffEvent, { kind: 'dose' }> }) {
  const v = s.vitals;
  return (
    <List fz="sm" spacing={2} mt={4}>
      <List.Item>
        {routeLabel(s.route)}
        {s.product ? ` · ${s.product}` : ''}
        {s.orderedMg !== null ? ` · ordered ${mg(s.orderedMg)}` : ''}
        {s.givenMg !== null ? ` · given ${mg(s.givenMg)}` : ''}
        {s.mgPerKg !== null ? ` · ${s.mgPerKg} mg/kg` : ''}
        {s.weightKg !== null ? ` (weight ${s.weightKg} kg)` : ''}
        {s.infusionMinutes !== null ? ` · over ${s.infusionMinutes} min` : ''}
        {s.overridden ? ' · outside protocol limits, overridden by the prescriber' : ''}
      </List.Item>
      {v && (
        <List.Item>
          Peak blood pressure {v.peakSystolic}/{v.peakDiastolic} mmHg (each the highest of its kind), peak heart rate {v.peakHeartRate}/min, lowest SpO2 {v.lowestSpo2}%
          {v.preDose ? `; before the dose ${v.preDose.systolic}/${v.preDose.diastolic} mmHg, ${v.preDose.heartRate}/min, ${v.preDose.spo2}%` : ''} · {v.readings} readings
        </List.Item>
      )}
      {(s.alerts.warn > 0 || s.alerts.act > 0) && (
        <List.Item>
          Alerts: {s.alerts.act} act, {s.alerts.warn} warning{s.alerts.unacknowledged > 0 ? `; ${s.alerts.unacknowledged} not yet acknowledged` : ''}
        </List.Item>
      )}
      {(s.peakSedation !== null || s.peakDissociation !== null || s.adverseEvents > 0) && (
        <List.Item>
          {s.peakSedation !== null ? `Deepest sedation ${s.peakSedation}. ` : ''}
          {s.peakDissociation !== null ? `Deepest dissociation ${s.peakDissociation}. ` : ''}
          {s.adverseEvents > 0 ? `${s.adverseEvents} adverse event${s.adverseEvents === 1 ? '' : 's'}.` : ''}
        </List.Item>
      )}
      {e.abortReason && <List.Item>Stopped: {e.abortReason}</List.Item>}
    </List>
  );
}

export function StaffEventDetails({ e }: { e: StaffEvent }) {
  switch (e.kind) {
    case 'session':
      if (e.sessionKind !== 'integration') return null;
      return e.themes.length ? (
        <Text fz="sm" mt={4}>Themes (signed note{e.themes.length > 1 ? 's' : ''}): {e.themes.join(' · ')}</Text>
      ) : (
        <Text fz="sm" c="dimmed" mt={4}>No signed note with themes yet.</Text>
      );
    case 'intention':
      return <Text fz="sm" mt={4}>“{e.text}” <Text span c="dimmed" fz="sm">({e.writtenBy === 'patient' ? 'by the patient' : 'recorded by staff'}{e.revisions > 1 ? `, revised ${e.revisions - 1}×` : ''})</Text></Text>;
    case 'dose':
      return <DoseDetails s={e.summary} e={e} />;
    case 'vitals-alert':
      return <Text fz="sm" mt={4}>{e.acknowledged ? `Acknowledged: ${e.action ?? ''}` : 'Not acknowledged.'}</Text>;
    case 'observation':
      return e.text ? <Text fz="sm" mt={4}>{e.text}</Text> : null;
    case 'adverse-event':
      return <Text fz="sm" mt={4}>{e.actionTaken ? `Action: ${e.actionTaken}` : 'No action recorded.'}{e.text ? ` ${e.text}` : ''}</Text>;
    case 'questionnaire':
      return (
        <Text fz="sm" mt={4}>
          {[
            e.baseline ? 'Baseline (last score before the first dose)' : null,
            e.change !== null ? `change from baseline ${e.change > 0 ? '+' : ''}${e.change}` : null,
            e.remission ? 'remission' : null,
            e.response ? 'response (≥ 50 % below baseline)' : null,
            e.firstResponse ? 'first response' : null,
            e.firstRemission ? 'first remission' : null,
            e.flagged ? 'safety flag raised' : null,
            e.doseNumber !== null && e.offsetHours !== null ? `dose ${e.doseNumber}, ${offsetLabel(e.offsetHours)}` : null,
          ].filter(Boolean).join(' · ') || 'No markers.'}
        </Text>
      );
    case 'checkin':
      return <Text fz="sm" mt={4}>Mood {e.mood} of 10 · {SLEEP_WORDS[e.sleep] ?? e.sleep} · {SAFETY_WORDS[e.safety] ?? e.safety}{e.difficult ? ` · “${e.difficult}”` : ''}</Text>;
    case 'journal':
      return <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>{e.text}{e.mood !== null ? ` (mood ${e.mood} of 10)` : ''}</Text>;
    case 'action-plan':
      return (
        <Text fz="sm" mt={4}>
          Insight: {e.insight || '—'} · {e.timeframe || 'no timeframe'} · {e.measure || 'no measure'} · now {PLAN_STATUS_LABEL[e.status]} · by {e.by === 'patient' ? 'the patient' : 'staff'}
          {e.note ? ` · “${e.note}”` : ''}
        </Text>
      );
  }
}
