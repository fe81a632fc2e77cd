/**
 * One instrument's scores over the course (recharts, as the outcomes page): the bands shaded, each dose a vertical
 * line numbered at the top (only the number, so close doses stay readable on a phone; booked doses dotted), rings
 * where response and remission were first reached. To assistive technology the chart is one image labelled by the
 * same data in words; the list below it holds every score too.
 */
import { Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from './types';

const PALETTE = ['#d3f9d8', '#fff3bf', '#ffe8cc', '#ffd8a8', '#ffc9c9'];
const INK = '#1a463c';
const DOSE = '#5f3dc4';
const RESPONSE = '#1864ab';
const REMISSION = '#2b8a3e';

export interface ChartDose {
  number: number;
  at: string;
  given: boolean;
}

export interface ScoresChartProps {
  series: ChartSeries;
  doses: ChartDose[];
  timeZone: string;
  label: string;
  markers: { response: string; remission: string };
}

export default function ScoresChart({ series, doses, timeZone, label, markers }: ScoresChartProps) {
  const data = series.points.map((p) => ({ t: Date.parse(p.at), total: p.total }));
  const times = [...data.map((d) => d.t), ...doses.map((d) => Date.parse(d.at))];
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = max === min ? 12 * 3_600_000 : (max - min) * 0.05;
  const domain: [number, number] = [min - pad, max + pad];
  const format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' });
  const firstResponse = series.points.find((p) => p.response);
  const firstRemission = series.points.find((p) => p.remission);
  const n = series.bands.length;
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 24, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          {series.bands.map((b, i) => (
            <ReferenceArea
              key={b.label}
              y1={b.min}
              y2={i === n - 1 ? Math.max(b.max, series.maxTotal) : b.max + 1}
              fill={PALETTE[Math.round((i / Math.max(1, n - 1)) * (PALETTE.length - 1))]}
              fillOpacity={0.7}
              ifOverflow="hidden"
              label={{ value: b.label, position: 'insideTopLeft', fill: '#495057', fontSize: 11 }}
            />
          ))}
          <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={(v: number) => format.format(new Date(v))} tick={{ fill: '#343a40', fontSize: 12 }} stroke="#868e96" />
          <YAxis domain={[0, series.maxTotal]} allowDecimals={false} width={32} tick={{ fill: '#343a40', fontSize: 12 }} stroke="#868e96" />
          {doses.map((d) => (
            <ReferenceLine
              key={d.number}
              x={Date.parse(d.at)}
              stroke={DOSE}
              strokeWidth={2}
              strokeDasharray={d.given ? '6 3' : '2 4'}
              label={{ value: String(d.number), position: 'top', fill: DOSE, fontSize: 12, fontWeight: 600 }}
            />
          ))}
          <Line type="linear" dataKey="total" stroke={INK} strokeWidth={2.5} dot={{ r: 4, fill: INK }} isAnimationActive={false} />
          {firstResponse && (
            <ReferenceDot x={Date.parse(firstResponse.at)} y={firstResponse.total} r={9} fill="none" stroke={RESPONSE} strokeWidth={2.5} label={{ value: markers.response, position: 'right', fill: RESPONSE, fontSize: 12 }} />
          )}
          {firstRemission && (
            <ReferenceDot x={Date.parse(firstRemission.at)} y={firstRemission.total} r={13} fill="none" stroke={REMISSION} strokeWidth={2.5} label={{ value: markers.remission, position: 'bottom', fill: REMISSION, fontSize: 12 }} />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
