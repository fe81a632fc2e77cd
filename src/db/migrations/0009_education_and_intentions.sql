CREATE TABLE "education_modules" (
	"clinic_id" uuid NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"position" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "education_modules_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "education_modules_id_check" CHECK ("education_modules"."id" ~ '^[a-z0-9][a-z0-9-]{0,59}$')
);
--> statement-breakpoint
CREATE TABLE "education_reads" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"module_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "education_reads_clinic_id_patient_id_module_id_pk" PRIMARY KEY("clinic_id","patient_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "intentions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"text" text NOT NULL,
	"written_by_kind" text NOT NULL,
	"written_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intentions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "intentions_written_by_kind_check" CHECK ("intentions"."written_by_kind" in ('patient', 'staff')),
	CONSTRAINT "intentions_text_check" CHECK (length(trim("intentions"."text")) > 0)
);
--> statement-breakpoint
ALTER TABLE "education_modules" ADD CONSTRAINT "education_modules_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_modules" ADD CONSTRAINT "education_modules_clinic_id_updated_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","updated_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_reads" ADD CONSTRAINT "education_reads_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intentions" ADD CONSTRAINT "intentions_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intentions" ADD CONSTRAINT "intentions_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intentions_appointment_idx" ON "intentions" USING btree ("clinic_id","appointment_id","created_at");--> statement-breakpoint
-- An intention is never changed or deleted: a revision is a new row, and the latest per appointment counts.
CREATE TRIGGER intentions_append_only BEFORE UPDATE OR DELETE ON intentions FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER intentions_no_truncate BEFORE TRUNCATE ON intentions FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_change();
