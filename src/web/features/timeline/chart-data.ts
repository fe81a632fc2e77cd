/** The chart's series (one per instrument) and dose markers, from either timeline. */
import type { ChartDose } from './ScoresChart';
import type { ChartSeries, PatientTimeline, StaffTimeline } from './types';

export function staffSeries(t: StaffTimeline): ChartSeries[] {
  return t.instruments.map((i) => ({
    instrumentId: i.id, title: i.shortTitle, maxTotal: i.maxTotal, bands: i.bands,
    points: t.events.flatMap((e) => (e.kind === 'questionnaire' && e.instrumentId === i.id ? [{ at: e.at, total: e.total, response: e.response, remission: e.remission, baseline: e.baseline }] : [])),
  }));
}

export function patientSeries(t: PatientTimeline): ChartSeries[] {
  return t.instruments.map((i) => ({
    instrumentId: i.id, title: i.title, maxTotal: i.maxTotal, bands: i.bands,
    points: t.events.flatMap((e) => (e.kind === 'questionnaire' && e.instrumentId === i.id ? [{ at: e.at, total: e.total, response: e.halvedSinceStart, remission: e.lowRange, baseline: e.start }] : [])),
  }));
}

/**
 * Doses as the chart and the dose grouping want them (cancelled appointments are not in the timeline). Drawn solid
 * once given: staff events say so (`dosed`), the patient's carry the mg given.
 */
export function dosesOf(events: readonly (StaffTimeline['events'][number] | PatientTimeline['events'][number])[]): (ChartDose & { state: string })[] {
  return events.flatMap((e) => {
    if (e.kind !== 'dose') return [];
    const given = 'dosed' in e ? e.dosed : e.mg !== null;
    return [{ number: e.number, at: e.at, state: e.state, given }];
  });
}
