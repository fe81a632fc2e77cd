/**
 * The session's vital signs over time (recharts): systolic, diastolic, heart rate and SpO2 against minutes after the
 * dose (before the dose: minutes from the first reading), with the protocol's warning lines. Each series differs by
 * line style and marker as well as colour, and is named in the legend. One image to assistive technology, labelled by
 * a summary; the table beside it holds the data.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SessionView } from './types';

const SERIES = [
  { key: 'systolic', name: 'Systolic (mmHg)', color: '#a61e4d', dash: undefined, shape: 'circle' },
  { key: 'diastolic', name: 'Diastolic (mmHg)', color: '#1864ab', dash: '8 4', shape: 'square' },
  { key: 'heartRate', name: 'Heart rate (/min)', color: '#5f3dc4', dash: '3 3', shape: 'triangle' },
  { key: 'spo2', name: 'SpO2 (%)', color: '#2b8a3e', dash: '12 4 3 4', shape: 'diamond' },
] as const;

export default function VitalsChart({ view, label }: { view: SessionView; label: string }) {
  const dosed = view.dosedAt !== null;
  const first = Date.parse(view.vitals[0]!.takenAt);
  const data = view.vitals.map((v) => ({
    t: dosed && v.minutesAfterDose !== null ? v.minutesAfterDose : Math.round((Date.parse(v.takenAt) - first) / 60_000),
    systolic: v.systolic,
    diastolic: v.diastolic,
    heartRate: v.heartRate,
    spo2: v.spo2,
  }));
  const limits = dosed ? view.protocol.monitoringThresholds : view.protocol.predoseVitals;
  const lines = [
    { y: limits.systolic.warnAtOrAbove, text: 'Systolic warning', color: '#a61e4d' },
    { y: limits.systolic.actAtOrAbove, text: dosed ? 'Systolic action' : 'Systolic hold', color: '#a61e4d' },
    { y: limits.diastolic.warnAtOrAbove, text: 'Diastolic warning', color: '#1864ab' },
    { y: limits.spo2.warnBelow, text: 'SpO2 warning (below)', color: '#2b8a3e' },
  ].filter((l): l is { y: number; text: string; color: string } => l.y !== null);
  const ts = data.map((d) => d.t);
  const min = Math.min(0, ...ts);
  const max = Math.max(min + 15, ...ts);
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 340 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 24, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e9ecef" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[min, max]}
            allowDecimals={false}
            tick={{ fill: '#343a40', fontSize: 12 }}
            stroke="#868e96"
            label={{ value: dosed ? 'Minutes after the dose' : 'Minutes from the first reading', position: 'insideBottom', offset: -12, fill: '#343a40', fontSize: 12 }}
          />
          <YAxis domain={[40, 200]} allowDecimals={false} width={40} tick={{ fill: '#343a40', fontSize: 12 }} stroke="#868e96" />
          {dosed && <ReferenceLine x={0} stroke="#343a40" strokeDasharray="2 2" label={{ value: 'Dose', position: 'top', fill: '#212529', fontSize: 11 }} />}
          {lines.map((l) => (
            <ReferenceLine key={l.text} y={l.y} stroke={l.color} strokeOpacity={0.6} strokeDasharray="4 4" ifOverflow="extendDomain"
              label={{ value: `${l.text} ${l.y}`, position: 'insideTopRight', fill: '#343a40', fontSize: 11 }} />
          ))}
          {SERIES.map((s) => (
            <Line key={s.key} type="linear" dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2.5} strokeDasharray={s.dash}
              dot={{ r: 4, fill: s.color }} legendType={s.shape} isAnimationActive={false} />
          ))}
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
