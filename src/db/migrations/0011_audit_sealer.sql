-- The audit trail stops serialising each clinic (docs/decisions/0001-audit-chain.md, "Sealing"): audit_append() now
-- inserts events unchained, numbered from one sequence (receipt order), and a sealer links them into each clinic's
-- hash chain a moment later (audit_seals). Appending takes no row lock, so concurrent requests commit together.
CREATE SEQUENCE "public"."audit_event_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- Receipt numbers continue above every existing event (existing ones were numbered per clinic).
SELECT setval('audit_event_seq', (SELECT coalesce(max(seq), 0) + 1 FROM audit_events), false);--> statement-breakpoint
CREATE TABLE "audit_seals" (
	"clinic_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"event_seq" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_seals_clinic_id_seq_pk" PRIMARY KEY("clinic_id","seq"),
	CONSTRAINT "audit_seals_event_uq" UNIQUE("clinic_id","event_seq")
);
--> statement-breakpoint
ALTER TABLE "audit_seals" ADD CONSTRAINT "audit_seals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_seals" ADD CONSTRAINT "audit_seals_event_fk" FOREIGN KEY ("clinic_id","event_seq") REFERENCES "public"."audit_events"("clinic_id","seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The existing chains move over unchanged: position = the old per-clinic seq, same hashes (same formula).
INSERT INTO audit_seals (clinic_id, seq, event_seq, prev_hash, hash, sealed_at)
  SELECT clinic_id, seq, seq, prev_hash, hash, occurred_at FROM audit_events;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "sealed_through" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE audit_heads SET sealed_through = (SELECT coalesce(max(seq), 0) FROM audit_events);--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "hash";--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();--> statement-breakpoint
-- Appends a batch of events and returns the last receipt number. The transaction takes its id *before* drawing
-- receipt numbers: the sealer relies on it (an event numbered at or below what it read from the sequence belongs to a
-- transaction that already had its id, so waiting for the transactions then in progress is enough).
CREATE OR REPLACE FUNCTION audit_append(p_clinic_id uuid, p_events jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_last bigint;
BEGIN
  PERFORM pg_current_xact_id();
  WITH ins AS (
    INSERT INTO audit_events (clinic_id, seq, id, occurred_at, actor_type, actor_id, actor_role, patient_id, patient_ids, action,
                              resource_type, resource_id, request_id, outcome, detail, content_hash)
    SELECT p_clinic_id, nextval('audit_event_seq'), (e->>'id')::uuid, (e->>'occurredAt')::timestamptz, e->>'actorType',
           (e->>'actorId')::uuid, e->>'actorRole', (e->>'patientId')::uuid,
           CASE WHEN jsonb_typeof(e->'patientIds') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e->'patientIds'))::uuid[] END,
           e->>'action', e->>'resourceType', e->>'resourceId', e->>'requestId', e->>'outcome', NULLIF(e->'detail', 'null'::jsonb),
           e->>'contentHash'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
     ORDER BY n
    RETURNING seq
  )
  SELECT max(seq) INTO v_last FROM ins;
  RETURN v_last;
END
$$;
