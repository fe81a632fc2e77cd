/** audit verify: seals what is pending, then walks every clinic's hash chain and names the first bad event of each broken one. */
import { clinics } from '../../db/schema';
import { verifyAuditTrail } from '../../db/repos/audit';
import { sealAuditTrail } from '../../db/repos/audit-seal';
import { EXIT, type Command } from '../context';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check every clinic’s audit trail for tampering',
  usage: 'audit verify',
  description: [
    'Recomputes every clinic’s audit hash chain. An event altered, deleted or moved breaks the chain from that event on;',
    'for each broken chain the first bad event is named. Events are chained ("sealed") by the server within a second of',
    'being written; any still waiting are sealed first, as the server would. It can run while the server runs on',
    'PostgreSQL (the embedded database is used by one process at a time: stop the server, or verify a restored backup copy).',
    `Exit status: ${EXIT.ok} when every chain is intact, ${EXIT.auditBroken} when a chain is broken, ${EXIT.error} when verification could not run.`,
  ].join('\n'),
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { report, names } = await ctx.withDatabase({ migrate: false, existing: true }, async (database) => {
      await sealAuditTrail(database);
      const report = await verifyAuditTrail(database.db);
      const rows = report.ok ? [] : await database.db.select({ id: clinics.id, slug: clinics.slug }).from(clinics);
      return { report, names: new Map(rows.map((r) => [r.id, r.slug])) };
    });
    if (report.ok) {
      const waiting = report.pending ? ` (${report.pending} more not sealed yet: a transaction that wrote them is still open)` : '';
      ctx.io.stdout(`audit trail intact: ${report.events} events in ${report.clinics} clinics${waiting}\n`);
      return EXIT.ok;
    }
    // Problems start with "clinic <id>:"; name the clinic by its slug too, which is what admins know it by.
    const lines = report.problems.map((p) => `  ${p.replace(/^clinic ([0-9a-f-]{36})/, (whole, id: string) => (names.has(id) ? `clinic "${names.get(id)}" (${id})` : whole))}`);
    ctx.io.stderr(
      `audit trail BROKEN: ${report.problems.length} broken chain(s) among ${report.clinics} clinics; the first bad event of each:\n${lines.join('\n')}\n`,
    );
    return EXIT.auditBroken;
  },
};
