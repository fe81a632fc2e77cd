ALTER TABLE "audit_events" ADD COLUMN "patient_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_events_patient_ids_idx" ON "audit_events" USING gin ("patient_ids");--> statement-breakpoint
-- audit_append() now also stores patient_ids (list views: one event naming every patient shown).
CREATE OR REPLACE FUNCTION audit_append(p_clinic_id uuid, p_events jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_hash text;
  v_next_hash text;
  e jsonb;
BEGIN
  SELECT last_seq, last_hash INTO v_seq, v_hash FROM audit_heads WHERE clinic_id = p_clinic_id FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_heads (clinic_id, last_seq, last_hash) VALUES (p_clinic_id, 0, repeat('0', 64))
      ON CONFLICT (clinic_id) DO NOTHING;
    SELECT last_seq, last_hash INTO v_seq, v_hash FROM audit_heads WHERE clinic_id = p_clinic_id FOR UPDATE;
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    v_seq := v_seq + 1;
    v_next_hash := encode(sha256(convert_to(v_hash || '|' || v_seq::text || '|' || (e->>'contentHash'), 'UTF8')), 'hex');
    INSERT INTO audit_events (clinic_id, seq, id, occurred_at, actor_type, actor_id, actor_role, patient_id, patient_ids, action,
                              resource_type, resource_id, request_id, outcome, detail, content_hash, prev_hash, hash)
    VALUES (p_clinic_id, v_seq, (e->>'id')::uuid, (e->>'occurredAt')::timestamptz, e->>'actorType',
            (e->>'actorId')::uuid, e->>'actorRole', (e->>'patientId')::uuid,
            CASE WHEN jsonb_typeof(e->'patientIds') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e->'patientIds'))::uuid[] END,
            e->>'action', e->>'resourceType', e->>'resourceId', e->>'requestId', e->>'outcome', NULLIF(e->'detail', 'null'::jsonb),
            e->>'contentHash', v_hash, v_next_hash);
    v_hash := v_next_hash;
  END LOOP;
  UPDATE audit_heads SET last_seq = v_seq, last_hash = v_hash WHERE clinic_id = p_clinic_id;
  RETURN v_seq;
END
$$;
