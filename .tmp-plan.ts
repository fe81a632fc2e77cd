import { Temporal } from 'temporal-polyfill';
import { and, eq } from 'drizzle-orm';
import { migrateDatabase, openPglite } from './src/db/database';
import { seedDemo } from './src/server/demo/seed-demo';
import { patients, protocols, staffMembers } from './src/db/schema';
import { loadPlanningContext } from './src/server/features/courses/planning-context';
import { planCourse } from './src/core/scheduling/planner';
import { ProtocolDefinition } from './src/core/scheduling/protocol';
const d = await openPglite(undefined); await migrateDatabase(d);
const now = Temporal.Now.instant();
const { clinicId } = await seedDemo(d, () => now);
const [p] = await d.db.select().from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.status, 'eligible')));
const [th] = await d.db.select().from(staffMembers).where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.email, 'therapist@demo.tilth.test')));
const [pr] = await d.db.select().from(protocols).where(eq(protocols.clinicId, clinicId));
const def = ProtocolDefinition.parse(pr!.definition);
const cpu0 = process.cpuUsage();
const times: number[] = []; const ctxT: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const loaded = await loadPlanningContext(d.db, { clinicId, patientId: p!.id, therapistId: th!.id, protocol: def, route: def.routes[0]!, from: now, days: 105 });
  const t1 = performance.now();
  const r = planCourse(loaded.ctx, { start: loaded.earliestStart, horizonDays: 84 });
  if (!r.ok) throw new Error('no plan');
  times.push(performance.now() - t1); ctxT.push(t1 - t0);
}
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(1);
console.log('context ms p50', med(ctxT), 'plan ms p50', med(times), 'cpu ms/iter', ((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000 / 30).toFixed(1));
await d.close();
