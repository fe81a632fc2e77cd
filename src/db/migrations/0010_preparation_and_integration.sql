CREATE TABLE "action_plan_changes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid,
	"change" text NOT NULL,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"note" text,
	"by_kind" text NOT NULL,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_plan_changes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "action_plan_changes_change_check" CHECK ("action_plan_changes"."change" in ('created', 'revised', 'reviewed')),
	CONSTRAINT "action_plan_changes_status_check" CHECK ("action_plan_changes"."status" in ('active', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "action_plan_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid,
	"insight" text NOT NULL,
	"commitment" text NOT NULL,
	"timeframe" text DEFAULT '' NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_plan_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "action_plan_items_status_check" CHECK ("action_plan_items"."status" in ('active', 'done', 'dropped')),
	CONSTRAINT "action_plan_items_created_by_kind_check" CHECK ("action_plan_items"."created_by_kind" in ('patient', 'staff')),
	CONSTRAINT "action_plan_items_commitment_check" CHECK (length(trim("action_plan_items"."commitment")) > 0)
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid,
	"appointment_id" uuid,
	"prompt" text,
	"text" text NOT NULL,
	"mood" integer,
	"shared_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journal_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "journal_entries_mood_check" CHECK ("journal_entries"."mood" is null or "journal_entries"."mood" between 0 and 10),
	CONSTRAINT "journal_entries_text_check" CHECK (length(trim("journal_entries"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "post_dose_checkins" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"mood" integer NOT NULL,
	"sleep" text NOT NULL,
	"difficult" text,
	"safety" text NOT NULL,
	"safety_alert_id" uuid,
	"entered_by_staff" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_dose_checkins_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "post_dose_checkins_appointment_unique" UNIQUE("clinic_id","appointment_id"),
	CONSTRAINT "post_dose_checkins_mood_check" CHECK ("post_dose_checkins"."mood" between 0 and 10),
	CONSTRAINT "post_dose_checkins_sleep_check" CHECK ("post_dose_checkins"."sleep" in ('well', 'some', 'poorly', 'not-at-all')),
	CONSTRAINT "post_dose_checkins_safety_check" CHECK ("post_dose_checkins"."safety" in ('no', 'passive', 'active'))
);
--> statement-breakpoint
CREATE TABLE "preparation_guides" (
	"clinic_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "preparation_guides_clinic_id_appointment_id_pk" PRIMARY KEY("clinic_id","appointment_id")
);
--> statement-breakpoint
ALTER TABLE "action_plan_changes" ADD CONSTRAINT "action_plan_changes_clinic_id_item_id_action_plan_items_clinic_id_id_fk" FOREIGN KEY ("clinic_id","item_id") REFERENCES "public"."action_plan_items"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_changes" ADD CONSTRAINT "action_plan_changes_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_changes" ADD CONSTRAINT "action_plan_changes_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_items" ADD CONSTRAINT "action_plan_items_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_items" ADD CONSTRAINT "action_plan_items_clinic_id_course_id_courses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","course_id") REFERENCES "public"."courses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_clinic_id_course_id_courses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","course_id") REFERENCES "public"."courses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_dose_checkins" ADD CONSTRAINT "post_dose_checkins_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_dose_checkins" ADD CONSTRAINT "post_dose_checkins_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_guides" ADD CONSTRAINT "preparation_guides_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_guides" ADD CONSTRAINT "preparation_guides_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preparation_guides" ADD CONSTRAINT "preparation_guides_clinic_id_updated_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","updated_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plan_changes_patient_idx" ON "action_plan_changes" USING btree ("clinic_id","patient_id","at");--> statement-breakpoint
CREATE INDEX "action_plan_changes_item_idx" ON "action_plan_changes" USING btree ("clinic_id","item_id","at");--> statement-breakpoint
CREATE INDEX "action_plan_items_patient_idx" ON "action_plan_items" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_patient_idx" ON "journal_entries" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "post_dose_checkins_patient_idx" ON "post_dose_checkins" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "preparation_guides_patient_idx" ON "preparation_guides" USING btree ("clinic_id","patient_id");--> statement-breakpoint
-- A check-in is what the patient said the morning after a dose: never changed or deleted.
CREATE TRIGGER post_dose_checkins_append_only BEFORE UPDATE OR DELETE ON post_dose_checkins FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER post_dose_checkins_no_truncate BEFORE TRUNCATE ON post_dose_checkins FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
-- The history of an action plan is kept whole: a change is a new row.
CREATE TRIGGER action_plan_changes_append_only BEFORE UPDATE OR DELETE ON action_plan_changes FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER action_plan_changes_no_truncate BEFORE TRUNCATE ON action_plan_changes FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_change();
