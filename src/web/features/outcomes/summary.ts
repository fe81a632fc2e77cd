/** A trajectory in words: baseline, latest, change against the MCID, response and remission (the chart's summary). */
import { formatInstant } from '../../app/time';
import { bandLabel } from '../questionnaires/labels';
import type { Trajectory } from './queries';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function changeSentence(t: Trajectory): string | null {
  const { change } = t.summary;
  if (change === null) return null;
  const size = Math.abs(change);
  const direction = change < 0 ? 'lower' : change > 0 ? 'higher' : 'the same';
  const base = change === 0 ? 'The latest score is the same as the baseline' : `The latest score is ${plural(size, 'point')} ${direction} than the baseline`;
  if (t.mcid === null) return `${base}.`;
  const verdict =
    t.summary.clinicalChange === 'improved'
      ? `at least the minimal clinically important difference of ${t.mcid} points: a meaningful improvement`
      : t.summary.clinicalChange === 'worse'
        ? `at least the minimal clinically important difference of ${t.mcid} points: a meaningful worsening`
        : `less than the minimal clinically important difference of ${t.mcid} points: no clear change`;
  return `${base}, ${verdict}.`;
}

export function summarize(t: Trajectory, timeZone: string): string[] {
  const name = t.instrument.shortTitle;
  const { summary: s } = t;
  const at = (iso: string) => formatInstant(iso, timeZone);
  const severityOf = (iso: string) => t.points.find((p) => p.at === iso)?.severity;
  const scoreText = (p: { at: string; total: number }) => {
    const severity = severityOf(p.at);
    return `${p.total}${severity ? ` (${bandLabel(severity)})` : ''} on ${at(p.at)}`;
  };
  if (!s.baseline || !s.latest) return [`No ${name} scores yet.`];
  const lines = [`${plural(t.points.length, `${name} score`)} and ${plural(t.doses.length, 'dose')} recorded.`, `Baseline ${scoreText(s.baseline)}.`];
  if (s.latest.at !== s.baseline.at) lines.push(`Latest ${scoreText(s.latest)}.`);
  const change = changeSentence(t);
  if (change) lines.push(change);
  if (t.points.length > 1) {
    lines.push(s.firstResponseAt ? `Response (at least 50 % below baseline) first reached on ${at(s.firstResponseAt)}.` : 'Response (at least 50 % below baseline) not reached.');
    if (t.remissionBelow !== null) {
      lines.push(
        s.firstRemissionAt ? `Remission (${name} below ${t.remissionBelow}) first reached on ${at(s.firstRemissionAt)}.` : `Remission (${name} below ${t.remissionBelow}) not reached.`,
      );
    }
  }
  return lines;
}
