/**
 * The built-in patient education modules (issue #6 §1), written for Tilth in plain language. A clinic reads these
 * until it edits a module; the first edit copies the whole set into the clinic's own rows (see
 * src/server/features/education/store.ts), so the clinic's wording never changes under it when these defaults do.
 * They describe what to expect, not medical advice: each clinic adds its own instructions (fasting times, what to
 * bring) by editing the text.
 */
export interface EducationModuleText {
  id: string;
  title: string;
  body: string;
  position: number;
}

export const MODULE_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

export const DEFAULT_MODULES: readonly EducationModuleText[] = [
  {
    id: 'what-is-kap',
    position: 1,
    title: 'What ketamine-assisted psychotherapy is',
    body: `Ketamine-assisted psychotherapy (KAP) brings two things together: a medicine and a therapist.

- **The medicine.** Ketamine has been used in medicine for decades. In a small, measured dose it changes how you perceive things for a short while, and for a time afterwards your mind can be more open to new ways of seeing old problems.
- **The therapy.** Conversations with a trained therapist help you make sense of what comes up and turn it into change that lasts.

A picture many people find helpful: the medicine loosens the soil, and the therapy plants the seeds. Neither does the whole job alone.

## What a course looks like

- **Preparation** sessions first, to get to know your therapist, talk about safety and set intentions.
- **Dosing sessions**, each followed within a day or two by an **integration** session.
- A course is usually several dosing sessions spread over a few weeks. Your clinic will tell you what your plan looks like.

Short questionnaires along the way help you and your care team see how you are doing.`,
  },
  {
    id: 'the-session',
    position: 2,
    title: 'How a dosing session works',
    body: `A dosing session usually takes one to three hours. Here is what generally happens; your clinic may do some things differently.

## Arriving
A nurse or another member of the medical team checks you in, takes your blood pressure and other vital signs, and goes through a short checklist with you (when you last ate, who is taking you home, your intention for the session).

## How the medicine is given
Depending on your plan, ketamine is given as a lozenge that dissolves in your mouth, a nasal spray, an injection into a muscle, or a slow drip into a vein. Your prescriber chooses the route and the dose with you.

## The room
You sit or lie in a comfortable chair in a quiet room. Many people wear an eye mask and listen to music chosen for the session. You can ask for the lights, music or blanket to be changed.

## Who is with you
A therapist stays with you throughout. You can talk or stay quiet; they are there to support you if something feels hard. The medical team checks your vital signs before, during and after the medicine.

## Going home
The effects fade over the session. You leave only when the medical team is satisfied you are ready, and someone you know must take you home. Do not drive, cycle or make important decisions for the rest of the day, until after a night's sleep.`,
  },
  {
    id: 'what-it-feels-like',
    position: 3,
    title: 'What it can feel like',
    body: `Everyone's experience is different, and each session can be different from the last. People often describe:

- **Lightness**, or a sense of stepping back from the thoughts that usually go round and round.
- **Distance from negative loops**: seeing a problem from further away, without being swallowed by it.
- **Vivid images** or dream-like scenes, especially with an eye mask on.
- **Emotional clarity**: suddenly understanding something about yourself or your life, sometimes unexpectedly.

## When it is hard
Sometimes difficult memories or strong feelings come up. That is not a sign that something has gone wrong. Your therapist is there with you, and what surfaces becomes material to work with in integration. If you feel unsafe at any point, say so: the team can help straight away.

## Afterwards
You may feel tired, tender or unusually open for the rest of the day. Plan a quiet evening if you can.`,
  },
  {
    id: 'myths',
    position: 4,
    title: 'Common myths, and what is true',
    body: `**Myth: it is the same as taking ketamine recreationally.**
In treatment the dose is measured, the medical team checks on you throughout, and the session sits inside a course of therapy with preparation and integration.

**Myth: you will be completely "out of it".**
You may feel quite different for a while, but many people stay aware enough to talk with their therapist during the session.

**Myth: one session fixes everything.**
KAP is a process. Like other therapy, it tends to work over time, across several sessions and the conversations in between.

**Myth: the medicine does all the work.**
The medicine opens a window. What you do with it, in therapy and in daily life, is what makes change last.`,
  },
  {
    id: 'preparing',
    position: 5,
    title: 'How to prepare for a dosing session',
    body: `A little preparation makes the day easier. Follow your clinic's own instructions where they differ from this list.

- **Sleep.** Try to get a good night's sleep before the session.
- **Food and drink.** Your clinic will tell you how long before the session to stop eating and drinking. The checklist on the day asks about it.
- **A ride home.** Arrange for someone to take you home afterwards, and keep their name and phone number handy. You cannot drive yourself until the next day.
- **Clothes and comfort.** Wear something comfortable. Bring anything that helps you feel at ease, such as a blanket or a jumper.
- **The rest of the day.** Keep it free and quiet: no work, no big decisions.
- **Your intention.** Before each dose, write an intention in the portal (see "My intentions"). Your therapist sees it before the session.

## Setting an intention
An intention is a short note about what you hope to explore or understand, for example "to look at why I push people away" or "to be kinder to myself about the past year". Set it, then stay open: sessions often go somewhere unexpected, and that is fine. You can revise your intention as often as you like before the session.`,
  },
  {
    id: 'integration',
    position: 6,
    title: 'What integration is',
    body: `Integration is the conversation after a dosing session, usually within a day or two, where you and your therapist talk about:

- what you experienced, including anything confusing or hard;
- the feelings that came up;
- what it might mean, and how to carry it into daily life.

It is where insights from a session take hold, and it is the part people are most tempted to skip. Please don't: the session is only half of the work.

## Before you go
It can help to jot down a few notes soon after your session: images, words, feelings, questions. Look back at the intention you set; your therapist will revisit it with you.

## Between sessions
Small, concrete steps count: a conversation you have been avoiding, a walk, a habit you want to change. Bring what happened to your next session.`,
  },
];
