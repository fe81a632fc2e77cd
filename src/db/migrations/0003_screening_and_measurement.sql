CREATE TABLE "dose_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"dosed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dose_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "instrument_definitions" (
	"clinic_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"version" text NOT NULL,
	"definition" jsonb NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "instrument_definitions_clinic_id_instrument_id_version_pk" PRIMARY KEY("clinic_id","instrument_id","version")
);
--> statement-breakpoint
CREATE TABLE "measurement_plan_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"kind" text NOT NULL,
	"offsets_hours" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"every_days" integer,
	"when_indication" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "measurement_plan_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "measurement_plan_kind_check" CHECK ("measurement_plan_items"."kind" in ('intake', 'dose-anchored', 'calendar')),
	CONSTRAINT "measurement_plan_every_check" CHECK (("measurement_plan_items"."kind" = 'calendar') = ("measurement_plan_items"."every_days" is not null))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_assignments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"schedule_id" uuid,
	"dose_event_id" uuid,
	"offset_hours" integer,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"response_id" uuid,
	"draft_answers" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "questionnaire_assignments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "questionnaire_assignments_occurrence_key" UNIQUE NULLS NOT DISTINCT("clinic_id","schedule_id","due_at","dose_event_id"),
	CONSTRAINT "questionnaire_assignments_status_check" CHECK ("questionnaire_assignments"."status" in ('pending', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_responses" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"instrument_version" text NOT NULL,
	"rule_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"sex" text,
	"total" integer NOT NULL,
	"severity" text,
	"positive" boolean,
	"subscales" jsonb,
	"criteria" jsonb,
	"flags" jsonb NOT NULL,
	"assignment_id" uuid,
	"dose_event_id" uuid,
	"offset_hours" integer,
	"submitted_at" timestamp with time zone NOT NULL,
	"entered_by_kind" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"correction_reason" text,
	CONSTRAINT "questionnaire_responses_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "questionnaire_responses_correction_check" CHECK (("questionnaire_responses"."supersedes_id" is null) = ("questionnaire_responses"."correction_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_schedules" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"kind" text NOT NULL,
	"offsets_hours" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"every_days" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "questionnaire_schedules_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "safety_alerts" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"response_id" uuid,
	"flag" text NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"action" text,
	"note" text,
	CONSTRAINT "safety_alerts_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "safety_alerts_status_check" CHECK ("safety_alerts"."status" in ('open', 'acknowledged')),
	CONSTRAINT "safety_alerts_ack_check" CHECK (("safety_alerts"."status" = 'acknowledged') = ("safety_alerts"."acknowledged_at" is not null and "safety_alerts"."action" is not null))
);
--> statement-breakpoint
CREATE TABLE "eligibility_decisions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"evaluated_outcome" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"rule_set_version" text NOT NULL,
	"decision" text NOT NULL,
	"override_reason" text,
	"status" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"cosigned_by" uuid,
	"cosigned_at" timestamp with time zone,
	CONSTRAINT "eligibility_decisions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "eligibility_decisions_decision_check" CHECK ("eligibility_decisions"."decision" in ('eligible', 'ineligible')),
	CONSTRAINT "eligibility_decisions_cosigner_check" CHECK ("eligibility_decisions"."cosigned_by" is null or "eligibility_decisions"."cosigned_by" <> "eligibility_decisions"."decided_by")
);
--> statement-breakpoint
CREATE TABLE "eligibility_rule_sets" (
	"clinic_id" uuid NOT NULL,
	"version" text NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "eligibility_rule_sets_clinic_id_version_pk" PRIMARY KEY("clinic_id","version")
);
--> statement-breakpoint
CREATE TABLE "screening_records" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"indications" text[] DEFAULT '{}'::text[] NOT NULL,
	"conditions" text[] DEFAULT '{}'::text[] NOT NULL,
	"medical_history" text,
	"psychiatric_history" text,
	"medications" text,
	"bp_systolic" integer,
	"bp_diastolic" integer,
	"bp_measured_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "screening_records_clinic_id_patient_id_pk" PRIMARY KEY("clinic_id","patient_id"),
	CONSTRAINT "screening_bp_check" CHECK (("screening_records"."bp_systolic" is null) = ("screening_records"."bp_diastolic" is null))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "dose_events" ADD CONSTRAINT "dose_events_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_definitions" ADD CONSTRAINT "instrument_definitions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_plan_items" ADD CONSTRAINT "measurement_plan_items_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_assignments" ADD CONSTRAINT "questionnaire_assignments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_schedules" ADD CONSTRAINT "questionnaire_schedules_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_decisions" ADD CONSTRAINT "eligibility_decisions_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_rule_sets" ADD CONSTRAINT "eligibility_rule_sets_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_records" ADD CONSTRAINT "screening_records_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dose_events_patient_idx" ON "dose_events" USING btree ("clinic_id","patient_id","dosed_at");--> statement-breakpoint
CREATE INDEX "questionnaire_assignments_patient_idx" ON "questionnaire_assignments" USING btree ("clinic_id","patient_id","status","due_at");--> statement-breakpoint
CREATE INDEX "questionnaire_assignments_due_idx" ON "questionnaire_assignments" USING btree ("clinic_id","status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_responses_supersedes_idx" ON "questionnaire_responses" USING btree ("clinic_id","supersedes_id");--> statement-breakpoint
CREATE INDEX "questionnaire_responses_patient_idx" ON "questionnaire_responses" USING btree ("clinic_id","patient_id","instrument_id","submitted_at");--> statement-breakpoint
CREATE INDEX "questionnaire_schedules_patient_idx" ON "questionnaire_schedules" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "safety_alerts_status_idx" ON "safety_alerts" USING btree ("clinic_id","status","created_at");--> statement-breakpoint
CREATE INDEX "safety_alerts_patient_idx" ON "safety_alerts" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "eligibility_decisions_patient_idx" ON "eligibility_decisions" USING btree ("clinic_id","patient_id","decided_at");--> statement-breakpoint
CREATE INDEX "eligibility_rule_sets_created_idx" ON "eligibility_rule_sets" USING btree ("clinic_id","created_at");
--> statement-breakpoint
-- Submitted questionnaires never change (a correction is a new row) and safety alerts are never deleted.
CREATE FUNCTION refuse_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: these rows are kept as written', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER questionnaire_responses_append_only BEFORE UPDATE OR DELETE ON questionnaire_responses
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER safety_alerts_never_deleted BEFORE DELETE ON safety_alerts
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
