CREATE TABLE "appointment_history" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_history_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"course_id" uuid,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" integer DEFAULT 1 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"nurse_id" uuid,
	"status" text DEFAULT 'booked' NOT NULL,
	"exception_reason" text,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "appointments_kind_check" CHECK ("appointments"."kind" in ('preparation', 'dosing', 'integration', 'follow-up')),
	CONSTRAINT "appointments_status_check" CHECK ("appointments"."status" in ('booked', 'completed', 'cancelled', 'no-show')),
	CONSTRAINT "appointments_range_check" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_cancel_reason_check" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancel_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"clinic_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_clinic_id_token_hash_pk" PRIMARY KEY("clinic_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"protocol_id" uuid NOT NULL,
	"protocol_version" integer NOT NULL,
	"route" text NOT NULL,
	"therapist_id" uuid NOT NULL,
	"status" text NOT NULL,
	"proposal" jsonb,
	"status_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "courses_status_check" CHECK ("courses"."status" in ('planned', 'booked', 'paused', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "patient_scheduling_preferences" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"weekdays" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"times_of_day" text[] DEFAULT '{}'::text[] NOT NULL,
	"earliest_start" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patient_scheduling_preferences_clinic_id_patient_id_pk" PRIMARY KEY("clinic_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "protocols" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "protocols_clinic_id_id_version_pk" PRIMARY KEY("clinic_id","id","version")
);
--> statement-breakpoint
CREATE TABLE "staff_availability" (
	"clinic_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_availability_clinic_id_staff_id_pk" PRIMARY KEY("clinic_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "staff_availability_exceptions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_availability_exceptions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "staff_availability_exceptions_kind_check" CHECK ("staff_availability_exceptions"."kind" in ('off', 'extra')),
	CONSTRAINT "staff_availability_exceptions_range_check" CHECK ("staff_availability_exceptions"."ends_at" > "staff_availability_exceptions"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "appointment_history" ADD CONSTRAINT "appointment_history_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_course_id_courses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","course_id") REFERENCES "public"."courses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_room_id_rooms_clinic_id_id_fk" FOREIGN KEY ("clinic_id","room_id") REFERENCES "public"."rooms"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_therapist_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","therapist_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_nurse_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","nurse_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_clinic_id_protocol_id_protocol_version_protocols_clinic_id_id_version_fk" FOREIGN KEY ("clinic_id","protocol_id","protocol_version") REFERENCES "public"."protocols"("clinic_id","id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_clinic_id_therapist_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","therapist_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_scheduling_preferences" ADD CONSTRAINT "patient_scheduling_preferences_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocols" ADD CONSTRAINT "protocols_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_availability" ADD CONSTRAINT "staff_availability_clinic_id_staff_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","staff_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_availability_exceptions" ADD CONSTRAINT "staff_availability_exceptions_clinic_id_staff_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","staff_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_history_appointment_idx" ON "appointment_history" USING btree ("clinic_id","appointment_id","changed_at");--> statement-breakpoint
CREATE INDEX "appointments_course_idx" ON "appointments" USING btree ("clinic_id","course_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_patient_idx" ON "appointments" USING btree ("clinic_id","patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_clinic_time_idx" ON "appointments" USING btree ("clinic_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" USING btree ("clinic_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "courses_patient_idx" ON "courses" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_availability_exceptions_staff_idx" ON "staff_availability_exceptions" USING btree ("clinic_id","staff_id","starts_at");--> statement-breakpoint
CREATE INDEX "outbox_ref_idx" ON "outbox" USING btree ("clinic_id","ref") WHERE "outbox"."ref" is not null;--> statement-breakpoint
-- No double booking, ever (issue #4 §4): the database refuses overlapping appointments for a room, a therapist,
-- a nurse or a patient. Cancelled appointments do not count. clinic_id comes first, so the constraints shard by clinic.
ALTER TABLE appointments ADD CONSTRAINT appointments_room_no_overlap
  EXCLUDE USING gist (clinic_id WITH =, room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled');
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_therapist_no_overlap
  EXCLUDE USING gist (clinic_id WITH =, therapist_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled');
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_nurse_no_overlap
  EXCLUDE USING gist (clinic_id WITH =, nurse_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled' AND nurse_id IS NOT NULL);
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap
  EXCLUDE USING gist (clinic_id WITH =, patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled');
