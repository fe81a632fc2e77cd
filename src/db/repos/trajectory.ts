/**
 * A patient's trajectory on one instrument in one round trip: the current (not corrected) scores in time order with
 * only the fields the chart shows, the doses to mark, and the read's audit event appended in the same statement.
 * PostgreSQL builds the JSON (two values instead of 200 rows of 23 columns to decode and map), and the statement is
 * prepared once per connection.
 */
import { sql } from 'drizzle-orm';
import type { AuditEventContent } from '../../core/audit-chain';
import { queryPrepared, type Executor } from '../database';
import { isoUtcSql } from '../ids';
import { auditAppendCall } from './audit';

export interface TrajectoryPoint {
  at: string;
  total: number;
  severity: string | null;
  positive: boolean | null;
  responseId: string;
  doseId: string | null;
  offsetHours: number | null;
}

export interface TrajectoryData {
  points: TrajectoryPoint[];
  doses: { id: string; at: string }[];
}

export async function readTrajectory(
  ex: Executor, clinicId: string, patientId: string, instrumentId: string, auditEvents: readonly AuditEventContent[],
): Promise<TrajectoryData> {
  const [row] = await queryPrepared<{ points: TrajectoryPoint[]; doses: { id: string; at: string }[] }>(ex, sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('at', ${isoUtcSql('r.submitted_at')}, 'total', r.total, 'severity', r.severity,
                                                  'positive', r.positive, 'responseId', r.id, 'doseId', r.dose_event_id,
                                                  'offsetHours', r.offset_hours)
                                ORDER BY r.submitted_at, r.version), '[]'::json)
         FROM questionnaire_responses r
        WHERE r.clinic_id = ${clinicId}::uuid AND r.patient_id = ${patientId}::uuid AND r.instrument_id = ${instrumentId}
          AND NOT EXISTS (SELECT 1 FROM questionnaire_responses c WHERE c.clinic_id = r.clinic_id AND c.supersedes_id = r.id)) AS points,
      (SELECT coalesce(json_agg(json_build_object('id', d.id, 'at', ${isoUtcSql('d.dosed_at')}) ORDER BY d.dosed_at), '[]'::json)
         FROM dose_events d WHERE d.clinic_id = ${clinicId}::uuid AND d.patient_id = ${patientId}::uuid) AS doses,
      ${auditAppendCall(clinicId, auditEvents)} AS audit_seq`);
  return { points: row!.points, doses: row!.doses };
}
