/**
 * The trajectory chart (recharts): totals over time with the severity bands shaded, doses as vertical lines on the
 * time axis, the baseline as a horizontal line, and markers where response and remission were first reached. The
 * chart is one image to assistive technology, labelled by the summary in words; the table beside it holds the data.
 */
import { Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Trajectory } from './queries';

const BAND_FILL: Record<string, string> = { minimal: '#d3f9d8', none: '#d3f9d8', mild: '#fff3bf', moderate: '#ffe8cc', 'moderately-severe': '#ffd8a8', severe: '#ffc9c9' };
const PALETTE = ['#d3f9d8', '#fff3bf', '#ffe8cc', '#ffd8a8', '#ffc9c9'];

/** A band's shade: by its id where known, else by its place from the lowest (green) to the highest (red). */
const bandFill = (band: string, i: number, n: number) => BAND_FILL[band] ?? PALETTE[Math.round((i / Math.max(1, n - 1)) * (PALETTE.length - 1))]!;
const INK = '#1a463c';
const DOSE = '#5f3dc4';
const MARK = '#1864ab';

function timeFormat(spanMs: number, timeZone: string): Intl.DateTimeFormat {
  return spanMs < 2 * 86_400_000
    ? new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' })
    : new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' });
}

export default function TrajectoryChart({ trajectory: t, timeZone, label }: { trajectory: Trajectory; timeZone: string; label: string }) {
  const data = t.points.map((p) => ({ t: Date.parse(p.at), total: p.total }));
  const times = [...data.map((d) => d.t), ...t.doses.map((d) => Date.parse(d.at))];
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = max === min ? 3_600_000 : (max - min) * 0.06;
  const domain: [number, number] = [min - pad, max + pad];
  const format = timeFormat(domain[1] - domain[0], timeZone);
  const top = t.instrument.maxTotal;
  const at = (iso: string | null) => (iso ? data.find((d) => d.t === Date.parse(iso)) : undefined);
  const response = at(t.summary.firstResponseAt);
  const remission = at(t.summary.firstRemissionAt);
  const baseline = t.summary.baseline;

  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 24, right: 80, bottom: 8, left: 0 }} accessibilityLayer={false}>
          {t.bands.map((b, i) => (
            <ReferenceArea
              key={b.band}
              y1={b.min}
              y2={i === t.bands.length - 1 ? Math.max(b.max, top) : b.max + 1}
              fill={bandFill(b.band, i, t.bands.length)}
              fillOpacity={0.75}
              ifOverflow="hidden"
              label={{ value: b.label, position: 'insideTopLeft', fill: '#495057', fontSize: 11 }}
            />
          ))}
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            tickFormatter={(v: number) => format.format(new Date(v))}
            tick={{ fill: '#343a40', fontSize: 12 }}
            stroke="#868e96"
          />
          <YAxis domain={[0, top]} allowDecimals={false} width={36} tick={{ fill: '#343a40', fontSize: 12 }} stroke="#868e96" />
          {baseline && <ReferenceLine y={baseline.total} stroke="#343a40" strokeDasharray="6 4" label={{ value: `Baseline ${baseline.total}`, position: 'insideBottomRight', fill: '#212529', fontSize: 12 }} />}
          {t.doses.map((d, i) => (
            <ReferenceLine
              key={d.id}
              x={Date.parse(d.at)}
              stroke={DOSE}
              strokeWidth={2}
              strokeDasharray="3 3"
              label={{ value: `Dose ${i + 1}`, position: 'top', fill: DOSE, fontSize: 11 }}
            />
          ))}
          <Line type="linear" dataKey="total" stroke={INK} strokeWidth={2.5} dot={{ r: 4, fill: INK }} isAnimationActive={false} />
          {response && <ReferenceDot x={response.t} y={response.total} r={9} fill="none" stroke={MARK} strokeWidth={2.5} label={{ value: 'Response', position: 'right', fill: MARK, fontSize: 12 }} />}
          {remission && (
            <ReferenceDot x={remission.t} y={remission.total} r={13} fill="none" stroke="#2b8a3e" strokeWidth={2.5} label={{ value: 'Remission', position: 'bottom', fill: '#2b8a3e', fontSize: 12 }} />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
