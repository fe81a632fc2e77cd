CREATE TABLE "note_templates" (
	"clinic_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"prompts" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "note_templates_clinic_id_kind_pk" PRIMARY KEY("clinic_id","kind"),
	CONSTRAINT "note_templates_kind_check" CHECK ("note_templates"."kind" in ('preparation', 'dosing', 'integration'))
);
--> statement-breakpoint
CREATE TABLE "progress_note_addenda" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "progress_note_addenda_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "progress_note_addenda_text_check" CHECK (length(trim("progress_note_addenda"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "progress_notes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"structured" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	CONSTRAINT "progress_notes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "progress_notes_appointment_author_unique" UNIQUE("clinic_id","appointment_id","author_id"),
	CONSTRAINT "progress_notes_kind_check" CHECK ("progress_notes"."kind" in ('preparation', 'dosing', 'integration')),
	CONSTRAINT "progress_notes_status_check" CHECK ("progress_notes"."status" in ('draft', 'signed')),
	CONSTRAINT "progress_notes_signed_check" CHECK (("progress_notes"."status" = 'signed') = ("progress_notes"."signed_at" is not null) and ("progress_notes"."signed_at" is null) = ("progress_notes"."signed_by" is null))
);
--> statement-breakpoint
ALTER TABLE "note_templates" ADD CONSTRAINT "note_templates_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_templates" ADD CONSTRAINT "note_templates_clinic_id_updated_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","updated_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_note_addenda" ADD CONSTRAINT "progress_note_addenda_clinic_id_note_id_progress_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","note_id") REFERENCES "public"."progress_notes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_note_addenda" ADD CONSTRAINT "progress_note_addenda_clinic_id_author_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","author_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_clinic_id_author_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","author_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_clinic_id_signed_by_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","signed_by") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_note_addenda_note_idx" ON "progress_note_addenda" USING btree ("clinic_id","note_id","signed_at");--> statement-breakpoint
CREATE INDEX "progress_notes_patient_idx" ON "progress_notes" USING btree ("clinic_id","patient_id","created_at");--> statement-breakpoint
-- Addenda are signed and dated when written and never change.
CREATE TRIGGER progress_note_addenda_append_only BEFORE UPDATE OR DELETE ON progress_note_addenda FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
-- A signed progress note never changes and is never deleted: corrections are addenda. A draft may be edited (not moved
-- to another session, patient or author) and signed; the application lets only its author delete it.
CREATE FUNCTION progress_note_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION '% of a signed progress note is not allowed: add an addendum', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF (NEW.clinic_id, NEW.id, NEW.appointment_id, NEW.patient_id, NEW.author_id, NEW.kind, NEW.created_at)
     IS DISTINCT FROM (OLD.clinic_id, OLD.id, OLD.appointment_id, OLD.patient_id, OLD.author_id, OLD.kind, OLD.created_at) THEN
    RAISE EXCEPTION 'a progress note stays with its session, patient and author' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_notes_signed_never_change BEFORE UPDATE OR DELETE ON progress_notes FOR EACH ROW EXECUTE FUNCTION progress_note_guard();
