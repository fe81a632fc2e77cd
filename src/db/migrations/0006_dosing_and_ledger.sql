CREATE TABLE "ledger_discrepancies" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"count_entry_id" uuid NOT NULL,
	"expected_mg" numeric(12, 2) NOT NULL,
	"counted_mg" numeric(12, 2) NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	"adjustment_entry_id" uuid,
	CONSTRAINT "ledger_discrepancies_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "ledger_discrepancies_differs_check" CHECK ("ledger_discrepancies"."expected_mg" <> "ledger_discrepancies"."counted_mg"),
	CONSTRAINT "ledger_discrepancies_resolution_check" CHECK (("ledger_discrepancies"."resolved_at" is null) = ("ledger_discrepancies"."resolution" is null) and ("ledger_discrepancies"."resolved_at" is null) = ("ledger_discrepancies"."resolved_by" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity_mg" numeric(12, 2) NOT NULL,
	"balance_after_mg" numeric(12, 2) DEFAULT '0' NOT NULL,
	"counted_mg" numeric(12, 2),
	"administration_id" uuid,
	"witness_id" uuid,
	"reason" text,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "ledger_entries_kind_check" CHECK ("ledger_entries"."kind" in ('received', 'administered', 'wasted', 'adjustment', 'count')),
	CONSTRAINT "ledger_entries_sign_check" CHECK (case "ledger_entries"."kind" when 'received' then "ledger_entries"."quantity_mg" > 0 when 'administered' then "ledger_entries"."quantity_mg" < 0 when 'wasted' then "ledger_entries"."quantity_mg" < 0 when 'adjustment' then "ledger_entries"."quantity_mg" <> 0 else "ledger_entries"."quantity_mg" = 0 end),
	CONSTRAINT "ledger_entries_waste_witness_check" CHECK ("ledger_entries"."kind" <> 'wasted' or ("ledger_entries"."witness_id" is not null and "ledger_entries"."witness_id" <> "ledger_entries"."by")),
	CONSTRAINT "ledger_entries_reason_check" CHECK ("ledger_entries"."kind" not in ('adjustment', 'wasted') or length(trim("ledger_entries"."reason")) > 0),
	CONSTRAINT "ledger_entries_count_check" CHECK (("ledger_entries"."kind" = 'count') = ("ledger_entries"."counted_mg" is not null)),
	CONSTRAINT "ledger_entries_administration_check" CHECK (("ledger_entries"."kind" = 'administered') = ("ledger_entries"."administration_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "stock_lots" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"product" text NOT NULL,
	"form" text NOT NULL,
	"supplier" text NOT NULL,
	"lot_number" text NOT NULL,
	"expires_on" date NOT NULL,
	"balance_mg" numeric(12, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_lots_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "stock_lots_balance_check" CHECK ("stock_lots"."balance_mg" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"document_version" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consent_records_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "dose_administrations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"amount_mg" numeric(10, 2) NOT NULL,
	"lot_id" uuid NOT NULL,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dose_administrations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dose_administrations_amount_check" CHECK ("dose_administrations"."amount_mg" > 0)
);
--> statement-breakpoint
CREATE TABLE "dose_orders" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"route" text NOT NULL,
	"route_code" text NOT NULL,
	"product" text NOT NULL,
	"dose_mg" numeric(10, 2) NOT NULL,
	"weight_kg" numeric(10, 2),
	"mg_per_kg" numeric(8, 3),
	"infusion_minutes" integer,
	"limit_problem" text,
	"override_reason" text,
	"ordered_by" uuid NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dose_orders_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dose_orders_route_check" CHECK ("dose_orders"."route" in ('sublingual', 'intranasal', 'intramuscular', 'intravenous')),
	CONSTRAINT "dose_orders_dose_check" CHECK ("dose_orders"."dose_mg" > 0),
	CONSTRAINT "dose_orders_iv_check" CHECK ("dose_orders"."route" <> 'intravenous' or "dose_orders"."infusion_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "dosing_alerts" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"reading_id" uuid,
	"level" text NOT NULL,
	"vital" text NOT NULL,
	"message" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"action" text,
	CONSTRAINT "dosing_alerts_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dosing_alerts_level_check" CHECK ("dosing_alerts"."level" in ('warn', 'act')),
	CONSTRAINT "dosing_alerts_ack_check" CHECK (("dosing_alerts"."acknowledged_at" is null) = ("dosing_alerts"."action" is null) and ("dosing_alerts"."acknowledged_at" is null) = ("dosing_alerts"."acknowledged_by" is null))
);
--> statement-breakpoint
CREATE TABLE "dosing_checklist_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" jsonb,
	"reason" text,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "dosing_checklist_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dosing_checklist_entries_kind_check" CHECK ("dosing_checklist_entries"."kind" in ('record', 'override')),
	CONSTRAINT "dosing_checklist_entries_override_reason_check" CHECK ("dosing_checklist_entries"."kind" <> 'override' or length(trim("dosing_checklist_entries"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "dosing_observations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" smallint,
	"event_type" text,
	"severity" text,
	"action_taken" text,
	"text" text,
	"observed_at" timestamp with time zone NOT NULL,
	"by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dosing_observations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dosing_observations_kind_check" CHECK ("dosing_observations"."kind" in ('sedation', 'dissociation', 'state', 'adverse-event', 'suicide-risk-check', 'ride-present', 'note')),
	CONSTRAINT "dosing_observations_adverse_check" CHECK ("dosing_observations"."kind" <> 'adverse-event' or ("dosing_observations"."event_type" is not null and "dosing_observations"."severity" is not null))
);
--> statement-breakpoint
CREATE TABLE "dosing_presence" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"action" text NOT NULL,
	"handover_to" uuid,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	CONSTRAINT "dosing_presence_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "dosing_presence_action_check" CHECK ("dosing_presence"."action" in ('enter', 'leave'))
);
--> statement-breakpoint
CREATE TABLE "dosing_session_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"detail" jsonb,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "dosing_session_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "dosing_sessions" (
	"clinic_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid,
	"state" text NOT NULL,
	"state_changed_at" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone,
	"dosed_at" timestamp with time zone,
	"discharged_at" timestamp with time zone,
	"abort_reason" text,
	"setting" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dosing_sessions_clinic_id_appointment_id_pk" PRIMARY KEY("clinic_id","appointment_id"),
	CONSTRAINT "dosing_sessions_state_check" CHECK ("dosing_sessions"."state" in ('scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted')),
	CONSTRAINT "dosing_sessions_abort_reason_check" CHECK (("dosing_sessions"."state" = 'aborted') = ("dosing_sessions"."abort_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "vital_readings" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"systolic" smallint NOT NULL,
	"diastolic" smallint NOT NULL,
	"heart_rate" smallint NOT NULL,
	"spo2" smallint NOT NULL,
	"respiratory_rate" smallint,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vital_readings_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "vital_readings_range_check" CHECK ("vital_readings"."systolic" between 40 and 300 and "vital_readings"."diastolic" between 20 and 200 and "vital_readings"."diastolic" < "vital_readings"."systolic" and "vital_readings"."heart_rate" between 20 and 250 and "vital_readings"."spo2" between 50 and 100)
);
--> statement-breakpoint
ALTER TABLE "ledger_discrepancies" ADD CONSTRAINT "ledger_discrepancies_clinic_id_lot_id_stock_lots_clinic_id_id_fk" FOREIGN KEY ("clinic_id","lot_id") REFERENCES "public"."stock_lots"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_discrepancies" ADD CONSTRAINT "ledger_discrepancies_clinic_id_count_entry_id_ledger_entries_clinic_id_id_fk" FOREIGN KEY ("clinic_id","count_entry_id") REFERENCES "public"."ledger_entries"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_clinic_id_lot_id_stock_lots_clinic_id_id_fk" FOREIGN KEY ("clinic_id","lot_id") REFERENCES "public"."stock_lots"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_clinic_id_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_clinic_id_witness_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","witness_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_clinic_id_course_id_courses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","course_id") REFERENCES "public"."courses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_clinic_id_order_id_dose_orders_clinic_id_id_fk" FOREIGN KEY ("clinic_id","order_id") REFERENCES "public"."dose_orders"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_clinic_id_given_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","given_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_administrations" ADD CONSTRAINT "dose_administrations_clinic_id_lot_id_stock_lots_clinic_id_id_fk" FOREIGN KEY ("clinic_id","lot_id") REFERENCES "public"."stock_lots"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_orders" ADD CONSTRAINT "dose_orders_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_orders" ADD CONSTRAINT "dose_orders_clinic_id_ordered_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","ordered_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_alerts" ADD CONSTRAINT "dosing_alerts_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_checklist_entries" ADD CONSTRAINT "dosing_checklist_entries_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_checklist_entries" ADD CONSTRAINT "dosing_checklist_entries_clinic_id_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_observations" ADD CONSTRAINT "dosing_observations_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_observations" ADD CONSTRAINT "dosing_observations_clinic_id_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_presence" ADD CONSTRAINT "dosing_presence_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_presence" ADD CONSTRAINT "dosing_presence_clinic_id_staff_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","staff_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_session_events" ADD CONSTRAINT "dosing_session_events_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_session_events" ADD CONSTRAINT "dosing_session_events_clinic_id_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_sessions" ADD CONSTRAINT "dosing_sessions_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_sessions" ADD CONSTRAINT "dosing_sessions_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dosing_sessions" ADD CONSTRAINT "dosing_sessions_clinic_id_course_id_courses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","course_id") REFERENCES "public"."courses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_readings" ADD CONSTRAINT "vital_readings_clinic_id_appointment_id_dosing_sessions_clinic_id_appointment_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."dosing_sessions"("clinic_id","appointment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_readings" ADD CONSTRAINT "vital_readings_clinic_id_recorded_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","recorded_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_discrepancies_open_idx" ON "ledger_discrepancies" USING btree ("clinic_id","opened_at") WHERE "ledger_discrepancies"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "ledger_entries_lot_idx" ON "ledger_entries" USING btree ("clinic_id","lot_id","at");--> statement-breakpoint
CREATE INDEX "ledger_entries_clinic_time_idx" ON "ledger_entries" USING btree ("clinic_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_lots_lot_number_idx" ON "stock_lots" USING btree ("clinic_id","product","lot_number");--> statement-breakpoint
CREATE INDEX "consent_records_course_idx" ON "consent_records" USING btree ("clinic_id","course_id","signed_at");--> statement-breakpoint
CREATE INDEX "dose_administrations_session_idx" ON "dose_administrations" USING btree ("clinic_id","appointment_id","given_at");--> statement-breakpoint
CREATE INDEX "dose_orders_session_idx" ON "dose_orders" USING btree ("clinic_id","appointment_id","ordered_at");--> statement-breakpoint
CREATE INDEX "dosing_alerts_open_idx" ON "dosing_alerts" USING btree ("clinic_id","appointment_id") WHERE "dosing_alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "dosing_checklist_entries_session_idx" ON "dosing_checklist_entries" USING btree ("clinic_id","appointment_id","at");--> statement-breakpoint
CREATE INDEX "dosing_observations_session_idx" ON "dosing_observations" USING btree ("clinic_id","appointment_id","observed_at");--> statement-breakpoint
CREATE INDEX "dosing_presence_session_idx" ON "dosing_presence" USING btree ("clinic_id","appointment_id","at");--> statement-breakpoint
CREATE INDEX "dosing_session_events_session_idx" ON "dosing_session_events" USING btree ("clinic_id","appointment_id","at");--> statement-breakpoint
CREATE INDEX "dosing_sessions_patient_idx" ON "dosing_sessions" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "vital_readings_session_idx" ON "vital_readings" USING btree ("clinic_id","appointment_id","taken_at");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_administration_fk" FOREIGN KEY ("clinic_id","administration_id") REFERENCES "public"."dose_administrations"("clinic_id","id");
--> statement-breakpoint
-- What happened in a dosing session is kept as written: corrections are new rows (issue #5; refuse_row_change from 0003).
CREATE TRIGGER dosing_session_events_append_only BEFORE UPDATE OR DELETE ON dosing_session_events FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dosing_checklist_entries_append_only BEFORE UPDATE OR DELETE ON dosing_checklist_entries FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dose_orders_append_only BEFORE UPDATE OR DELETE ON dose_orders FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dose_administrations_append_only BEFORE UPDATE OR DELETE ON dose_administrations FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER vital_readings_append_only BEFORE UPDATE OR DELETE ON vital_readings FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dosing_observations_append_only BEFORE UPDATE OR DELETE ON dosing_observations FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dosing_presence_append_only BEFORE UPDATE OR DELETE ON dosing_presence FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER dosing_alerts_never_deleted BEFORE DELETE ON dosing_alerts FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
-- An alert changes once: when it is acknowledged with the action taken. Nothing else about it may change.
CREATE FUNCTION dosing_alert_acknowledge_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.acknowledged_at IS NOT NULL
     OR (NEW.clinic_id, NEW.id, NEW.appointment_id, NEW.reading_id, NEW.level, NEW.vital, NEW.message, NEW.raised_at)
        IS DISTINCT FROM (OLD.clinic_id, OLD.id, OLD.appointment_id, OLD.reading_id, OLD.level, OLD.vital, OLD.message, OLD.raised_at) THEN
    RAISE EXCEPTION 'a dosing alert changes only once, when it is acknowledged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER dosing_alerts_acknowledge_only BEFORE UPDATE ON dosing_alerts FOR EACH ROW EXECUTE FUNCTION dosing_alert_acknowledge_only();
--> statement-breakpoint
-- The controlled-substance ledger is append-only, never truncated.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER stock_lots_never_deleted BEFORE DELETE ON stock_lots FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
-- Each entry moves its lot's balance under the lot's row lock (concurrent entries on one lot queue up) and keeps the
-- running balance; stock_lots_balance_check refuses any entry that would take it below zero.
CREATE FUNCTION ledger_apply_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE v_balance numeric;
BEGIN
  UPDATE stock_lots SET balance_mg = balance_mg + NEW.quantity_mg
    WHERE clinic_id = NEW.clinic_id AND id = NEW.lot_id
    RETURNING balance_mg INTO v_balance;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no stock lot % in this clinic', NEW.lot_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.balance_after_mg := v_balance;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_apply BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();
--> statement-breakpoint
-- Only the ledger moves a balance: a lot starts at zero and any other change to balance_mg is refused.
CREATE FUNCTION stock_lot_balance_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 AND ((TG_OP = 'INSERT' AND NEW.balance_mg <> 0) OR (TG_OP = 'UPDATE' AND NEW.balance_mg IS DISTINCT FROM OLD.balance_mg)) THEN
    RAISE EXCEPTION 'a lot''s balance changes only through ledger entries' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER stock_lots_balance_guard BEFORE INSERT OR UPDATE ON stock_lots FOR EACH ROW EXECUTE FUNCTION stock_lot_balance_guard();
