-- Tamper-evident audit trail (see src/core/audit-chain.ts for the matching verifier).
-- audit_append() appends a batch of events to one clinic's chain while holding that clinic's head row lock, so chains
-- of different clinics never wait for each other. Chain hash = sha256(prev_hash || '|' || seq || '|' || content_hash).
CREATE FUNCTION audit_append(p_clinic_id uuid, p_events jsonb) RETURNS bigint
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
    INSERT INTO audit_events (clinic_id, seq, id, occurred_at, actor_type, actor_id, actor_role, patient_id, action,
                              resource_type, resource_id, request_id, outcome, detail, content_hash, prev_hash, hash)
    VALUES (p_clinic_id, v_seq, (e->>'id')::uuid, (e->>'occurredAt')::timestamptz, e->>'actorType',
            (e->>'actorId')::uuid, e->>'actorRole', (e->>'patientId')::uuid, e->>'action', e->>'resourceType',
            e->>'resourceId', e->>'requestId', e->>'outcome', NULLIF(e->'detail', 'null'::jsonb), e->>'contentHash',
            v_hash, v_next_hash);
    v_hash := v_next_hash;
  END LOOP;
  UPDATE audit_heads SET last_seq = v_seq, last_hash = v_hash WHERE clinic_id = p_clinic_id;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
CREATE FUNCTION refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
-- Name search ("query" on the patient list): trigram index over the full name, used by ILIKE '%…%'.
CREATE INDEX patients_name_trgm_idx ON patients USING gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops);
--> statement-breakpoint
-- Rate-limit counters are throw-away: no WAL needed.
ALTER TABLE rate_limits SET UNLOGGED;
