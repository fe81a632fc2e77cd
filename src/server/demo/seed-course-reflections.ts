/**
 * Avery's side of her course in the demo (issue #6): the preparation guides her therapist filled in (with the
 * emotional safety plan she sees in the portal), her check-in the morning after each dose, her journal (one entry
 * shared with the care team, one kept private), and her action plan, reviewed at her second integration session.
 * Runs inside the demo's seeding transaction, after seed-course-history.ts.
 */
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import type { AppointmentRow } from '../../db/repos/scheduling';
import { actionPlanChanges, actionPlanItems, journalEntries, postDoseCheckins, preparationGuides } from '../../db/schema';

const GUIDES: Record<string, string>[] = [
  {
    hopes: 'To feel something other than flat; to enjoy her mornings again; to be less short with her partner.',
    fears: 'Losing control; what might come up about her father, who died two years ago.',
    intentions: 'To be curious about the heaviness.',
    'safetyPlan.whatHelps': 'Counting breaths in fours; the word "pause" means music off and a check-in; at home, a walk with Sam and an early night.',
    'safetyPlan.contact.1.name': 'Sam Morgan', 'safetyPlan.contact.1.relationship': 'partner', 'safetyPlan.contact.1.phone': '+1 510 555 0118',
    'whatToExpect.room': 'yes', 'whatToExpect.eyeMaskAndMusic': 'yes', 'whatToExpect.therapistPresent': 'yes',
    'consent.walkedThrough': 'yes', 'consent.questionsAsked': 'yes', 'consent.notes': 'Asked about nausea and about bladder effects; both answered.',
  },
  {
    hopes: 'Less afraid since last week; hopes the first dose will feel gentle.',
    fears: 'Nausea; being seen crying.',
    intentions: 'To meet the heaviness with curiosity instead of fighting it.',
    'safetyPlan.whatHelps': 'Counting breaths in fours; the word "pause"; at home, a walk with Sam, tea, an early night, no news.',
    'safetyPlan.contact.1.name': 'Sam Morgan', 'safetyPlan.contact.1.relationship': 'partner', 'safetyPlan.contact.1.phone': '+1 510 555 0118',
    'safetyPlan.contact.2.name': 'Jo Morgan', 'safetyPlan.contact.2.relationship': 'sister', 'safetyPlan.contact.2.phone': '+1 415 555 0163',
    'whatToExpect.room': 'yes', 'whatToExpect.eyeMaskAndMusic': 'yes', 'whatToExpect.therapistPresent': 'yes', 'whatToExpect.monitoring': 'yes',
    'whatToExpect.sensations': 'yes', 'whatToExpect.goingHome': 'yes', 'whatToExpect.myths': 'yes',
    'consent.walkedThrough': 'yes', 'consent.questionsAsked': 'yes', 'consent.understandingConfirmed': 'yes', 'consent.notes': 'Signed the course consent.',
  },
];

const CHECKINS = [
  { mood: 6, sleep: 'some' as const, difficult: 'Some sadness about Dad in the evening; it passed after a walk.' },
  { mood: 7, sleep: 'well' as const, difficult: null },
];

const ms = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
const later = (d: Date, hours: number) => toDate(ms(d).add({ minutes: Math.round(hours * 60) }));

export async function seedCourseReflections(tx: Executor, clinicId: string, patientId: string, courseId: string, course: AppointmentRow[], therapistId: string): Promise<void> {
  const held = (kind: string) => course.filter((a) => a.kind === kind && a.status === 'completed').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const doses = held('dosing');
  const integrations = held('integration');
  for (const [i, prep] of held('preparation').entries()) {
    await tx.insert(preparationGuides).values({ clinicId, appointmentId: prep.id, patientId, answers: GUIDES[i] ?? GUIDES[1]!, updatedAt: later(prep.endsAt, 0.5), updatedBy: therapistId });
  }
  for (const [i, dose] of doses.entries()) {
    const c = CHECKINS[i] ?? CHECKINS[1]!;
    // The next morning, around 08:30 local: about 18 hours after the dose.
    await tx.insert(postDoseCheckins).values({ clinicId, id: newId(), patientId, appointmentId: dose.id, mood: c.mood, sleep: c.sleep, difficult: c.difficult, safety: 'no', safetyAlertId: null, enteredByStaff: null, createdAt: later(dose.startsAt, 18) });
  }
  const [dose1, dose2] = doses;
  if (dose1) {
    const at = later(dose1.startsAt, 26);
    await tx.insert(journalEntries).values({
      clinicId, id: newId(), patientId, courseId, appointmentId: dose1.id, prompt: 'what-surfaced', mood: 6,
      text: 'The grey lake. I was above it and not in it, and for once the heaviness was something I could look at. Cried about Dad, and it felt clean.',
      sharedAt: later(dose1.startsAt, 27), createdAt: at, updatedAt: at,
    });
  }
  if (dose2) {
    const at = later(dose2.startsAt, 30);
    await tx.insert(journalEntries).values({
      clinicId, id: newId(), patientId, courseId, appointmentId: dose2.id, prompt: 'body', mood: 7,
      text: 'Shoulders lower all day. I noticed I hold my breath when I read work email. Not ready to talk about the hallway yet.',
      sharedAt: null, createdAt: at, updatedAt: at,
    });
  }
  const [integration1, integration2] = integrations;
  if (!integration1) return;
  const items = [
    { insight: 'The heaviness has edges: I can see around it.', commitment: 'Ten minutes outside each morning before email.', timeframe: 'Weekday mornings', measure: 'A tick on the fridge calendar', status: 'active' as const },
    { insight: 'I write myself off by evening.', commitment: 'Write one line about the day each evening.', timeframe: 'Every evening', measure: 'The notebook has a line for each day', status: 'active' as const },
  ];
  for (const item of items) {
    const id = newId();
    const created = later(integration1.endsAt, 0);
    const { status, ...wording } = item;
    await tx.insert(actionPlanItems).values({ clinicId, id, patientId, courseId, ...wording, status, createdByKind: 'staff', createdBy: therapistId, createdAt: created, updatedAt: integration2 ? integration2.endsAt : created });
    await tx.insert(actionPlanChanges).values({ clinicId, id: newId(), itemId: id, patientId, appointmentId: integration1.id, change: 'created', status: 'active', snapshot: wording, note: null, byKind: 'staff', by: therapistId, at: created });
    if (integration2) {
      const note = item.commitment.startsWith('Ten') ? 'Kept it four mornings out of five; keep going.' : 'Managed most evenings; the lines are getting kinder.';
      await tx.insert(actionPlanChanges).values({ clinicId, id: newId(), itemId: id, patientId, appointmentId: integration2.id, change: 'reviewed', status: 'active', snapshot: wording, note, byKind: 'staff', by: therapistId, at: integration2.endsAt });
    }
  }
}
