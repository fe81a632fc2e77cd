/**
 * What the figures say, in words: computed from the results so the page stays true to the run it reports. The code
 * paths named here are those the trace recorded (src/server/features/dosing/command.ts `runCommand`, load.ts
 * `loadDosing`, board/routes.ts and board/snapshot.ts, board/feed.ts, the `audit_append` function of migration 0004).
 */
import type { PhaseResult } from './load';
import type { Results } from './report';

const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '–');
const share = (w: Record<string, number>, key: string) => Object.entries(w).filter(([k]) => k.includes(key)).reduce((a, [, v]) => a + v, 0);

export function findingsOf(r: Results): string[] {
  const out: string[] = [];
  const t = r.trace;
  const v = t.vitals;
  const intervals = r.phases.map((p) => p.intervalMs);
  const target = r.phases.filter((p) => p.intervalMs === Math.max(...intervals));
  const stress = r.phases.filter((p) => p.intervalMs === Math.min(...intervals) && p.intervalMs < Math.max(...intervals));
  const oneOf = (list: PhaseResult[], n: 1 | 2) => list.find((p) => p.instances === n);
  const t1 = oneOf(target, 1);
  const t2 = oneOf(target, 2);
  const s1 = oneOf(stress, 1);
  const s2 = oneOf(stress, 2);

  if (t1) {
    out.push(`**At ${t1.intervalMs === 60_000 ? 'the target load' : 'the lighter load'}** (${Math.round((t1.sessions * 60_000) / t1.intervalMs)} readings a minute) recording vitals takes p50 ${ms(t1.record.p50)}, p99 ${ms(t1.record.p99)} — ${t1.record.p99 < 20 ? 'within' : `**${(t1.record.p99 / 20).toFixed(0)}× over**`} the 20 ms bound — and the board shows a reading p99 ${ms(t1.delivery.p99)} after it was sent on one instance${t2 ? `, ${ms(t2.delivery.p99)} across two` : ''}. Requests hardly overlap at this rate, so the vitals figure is the request's own cost, not queueing.`);
  }
  if (s1) {
    out.push(`**Under the compressed load** (${(s1.sessions * 1000 / s1.intervalMs).toFixed(0)} readings a second offered) one instance answered ${s1.achievedPerSecond.toFixed(1)} a second${s1.achievedPerSecond < 0.9 * s1.sessions * 1000 / s1.intervalMs ? ': it is saturated, requests queue (up to ' + s1.poolWaitingMax + ' waiting for one of the pool\'s 10 connections) and every latency above is mostly waiting' : ''}. PostgreSQL's active backends were ${share(s1.waits, 'idle in transaction').toFixed(0)} % of the time *idle in transaction*, i.e. waiting for Node to send the transaction's next statement, ${share(s1.waits, 'Lock').toFixed(0)} % waiting on a lock and ${share(s1.waits, 'WAL').toFixed(0)} % on the WAL: the database mostly waits on the Node process (${s1.nodeCpuPercent.toFixed(0)} % of a core, event-loop delay p99 ${ms(s1.eventLoopDelayP99)}), not the other way round.`);
  }
  if (s1 && s2) {
    const snaps = (p: PhaseResult) => p.boardMessages / Math.max(1, p.subscribers);
    if (s2.achievedPerSecond > s1.achievedPerSecond) {
      out.push(`**The per-change board snapshot is a large part of the load on one instance.** With the same ${(s1.sessions * 1000 / s1.intervalMs).toFixed(0)} writes a second offered and the same Node process, the two-instance phase — where the writer's own board has no subscribers and A rebuilds the snapshot only when its 400 ms poll sees a change (${Math.round(snaps(s2))} snapshots in the phase instead of ${Math.round(snaps(s1))}) — answered ${s2.achievedPerSecond.toFixed(1)} readings a second against ${s1.achievedPerSecond.toFixed(1)} on one instance, although it ran later and read longer series (≈ ${s2.readingsPerSessionAtEnd} readings per session at its end vs ${s1.readingsPerSessionAtEnd}). On one instance every write schedules a full snapshot 20 ms later, each about as costly as the write itself (below), on the same pool and event loop.`);
    }
  }
  out.push(`**The machine is shared**: \`SELECT 1\` took p50 ${ms(r.phases[0]?.ping.p50 ?? NaN)} but p99 ${ms(r.phases[0]?.ping.p99 ?? NaN)} before the first phase (load average ${r.load.before.map((x) => x.toFixed(1)).join(' / ')} on ${r.machine.cores} cores), so each of a request's round trips can stall for milliseconds; every latency here is inflated by that. A quiet machine lowers every figure; the statement count below is the structural cost that stays.`);

  const remainder = Math.max(0, v.wall.p50 - v.dbMs);
  out.push(`**Where recording vitals spends its time: ${v.statements} statements for one reading** (${ms(v.dbMs)} of its ${ms(v.wall.p50)} waiting on them unloaded, ${ms(v.cpuMs)} of Node CPU; the rest of a request outside the database — HTTP, Fastify, Zod — is ${ms(remainder)} at the median). \`recordVitals\` (dosing/after-dose.ts) sends the session lookup, then one joined statement for the appointment, its course, protocol version, clinic zone, patient, room, the session row and the care team (dosing/load.ts; authorization decides on that care team before anything else is used), then one statement that bumps the session's version *only if it is still the one read* and, in the same statement, inserts the reading and its alerts and appends the audit event (\`appendIfUnchanged\` in db/repos/dosing.ts; no BEGIN/COMMIT, no lock held across round trips). The first reading after the dose (it starts monitoring) and a reading that loses a race with another change take the locked transaction instead (${v.inTransaction} statements of this trace ran in a transaction).`);

  const s = t.snapshot;
  out.push(`**The board** rebuilds its snapshot after changes (board/routes.ts: at most one per clinic every 250 ms, 20 ms after the first change): ${s.statements} statements, most of them sent together, reading the readings as one summary row per session (their times for the checkpoints and the latest values, built in PostgreSQL: ≈ ${s.vitalsRowsRead} rows), the open alerts and who is present — ${ms(s.wall.p50)} and ${ms(s.cpuMs)} of Node CPU each${s1 ? `; under the compressed load about ${(s1.boardMessages / Math.max(1, s1.subscribers) / Math.max(1, s1.seconds + 3)).toFixed(1)} snapshots a second` : ''}.`);
  if (t1 && t2) {
    out.push(`**Across instances** the update waits for the board feed's poll (board/feed.ts, every 400 ms: a cheap signature query per subscribed clinic) and then a snapshot: p50 ${ms(t2.deliveryAfterResponse.p50)} from the response vs ${ms(t1.deliveryAfterResponse.p50)} on one instance, p99 ${ms(t2.delivery.p99)} from the POST${t2.delivery.p99 < 1000 ? ' — within the 1 s bound, but the poll alone spends up to 400 ms of it' : ' — over the 1 s bound: the poll spends up to 400 ms and the snapshot (above) most of the rest'}. Slimming the snapshot helps here too; LISTEN/NOTIFY (\`pg_notify('board', clinic_id)\` in the command's transaction, so it is delivered at commit, each instance LISTENing on one connection) would make cross-instance delivery as fast as local, with the poll kept as a fallback.`);
  }
  const auditMs = v.sequence.filter((x) => /audit_append/i.test(x.name)).reduce((a, x) => a + x.ms, 0);
  out.push(`**Audit trail**: \`audit_append\` inserts the event unchained, with a receipt number from one sequence (${ms(auditMs)} in the traced request, the WAL flush included); the sealer chains each clinic's events a second later (db/repos/audit-seal.ts), so no audited write of a clinic waits for another's commit. Lock waits were ${s1 ? share(s1.waits, 'Lock').toFixed(0) : '–'} % of the sampled backend time under the compressed load.`);
  const cpu = r.profile.cpu.shares;
  const pick = (prefix: string) => cpu.filter((x) => x.category.startsWith(prefix)).reduce((a, x) => a + x.percent, 0);
  out.push(`**Where Node's CPU goes** under load (profile above): Drizzle ${pick('Drizzle').toFixed(0)} %, the pg driver ${pick('pg driver').toFixed(0)} %, native bindings (socket writes, string decoding) ${pick('native').toFixed(0)} %, garbage collection ${pick('garbage').toFixed(0)} %, the board snapshot and dosing core ${pick('app: board').toFixed(0)} %, Zod ${pick('Zod').toFixed(0)} %. Building, sending and mapping statements dominates: fewer statements per request and per snapshot is the lever, not faster application logic.`);
  return out;
}
