CREATE TABLE "psychotherapy_notes" (
	"clinic_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"nonce" "bytea" NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"tag" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "psychotherapy_notes_clinic_id_appointment_id_author_id_pk" PRIMARY KEY("clinic_id","appointment_id","author_id")
);
--> statement-breakpoint
ALTER TABLE "consent_records" ALTER COLUMN "course_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "psychotherapy_notes" ADD CONSTRAINT "psychotherapy_notes_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psychotherapy_notes" ADD CONSTRAINT "psychotherapy_notes_clinic_id_author_id_staff_members_clinic_id_id_fk" FOREIGN KEY ("clinic_id","author_id") REFERENCES "public"."staff_members"("clinic_id","id") ON DELETE no action ON UPDATE no action;