/**
 * PCL-5 (PTSD Checklist for DSM-5), a work of the US Government (VA National Center for PTSD): public domain.
 * Source: Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5), 2013,
 * www.ptsd.va.gov. Clusters B 1–5, C 6–7, D 8–14, E 15–20; provisional PTSD at a total ≥ 31–33 (default 33, a clinic
 * setting); DSM-5 rule: items rated ≥ 2 count, needing ≥ 1 B, ≥ 1 C, ≥ 2 D, ≥ 2 E (clinical-facts.md §1.4). No
 * severity bands exist. No LOINC codes are confirmed, so none are given. Clinically meaningful change ≥ 10 points.
 */
import type { InstrumentDefinitionInput } from '../definition';

const TEXTS = [
  'Repeated, disturbing, and unwanted memories of the stressful experience?',
  'Repeated, disturbing dreams of the stressful experience?',
  'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
  'Feeling very upset when something reminded you of the stressful experience?',
  'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
  'Avoiding memories, thoughts, or feelings related to the stressful experience?',
  'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
  'Trouble remembering important parts of the stressful experience?',
  'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
  'Blaming yourself or someone else for the stressful experience or what happened after it?',
  'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
  'Loss of interest in activities that you used to enjoy?',
  'Feeling distant or cut off from other people?',
  'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
  'Irritable behavior, angry outbursts, or acting aggressively?',
  'Taking too many risks or doing things that could cause you harm?',
  'Being “superalert” or watchful or on guard?',
  'Feeling jumpy or easily startled?',
  'Having difficulty concentrating?',
  'Trouble falling or staying asleep?',
];

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `pcl5-${from + i}`);

export const pcl5: InstrumentDefinitionInput = {
  id: 'pcl-5',
  version: '1',
  title: 'PTSD Checklist for DSM-5 (PCL-5)',
  shortTitle: 'PCL-5',
  instructions:
    'Below is a list of problems that people sometimes have in response to a very stressful experience. Please read each problem carefully and then select one of the answers to indicate how much you have been bothered by that problem in the past month.',
  itemStem: 'In the past month, how much were you bothered by:',
  source: 'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013.',
  licence: 'Public domain: a work of the US Government (U.S. Department of Veterans Affairs, National Center for PTSD).',
  answerSets: {
    bother: [
      { value: 0, label: 'Not at all' },
      { value: 1, label: 'A little bit' },
      { value: 2, label: 'Moderately' },
      { value: 3, label: 'Quite a bit' },
      { value: 4, label: 'Extremely' },
    ],
  },
  items: TEXTS.map((text, i) => ({ id: `pcl5-${i + 1}`, text, answerSet: 'bother' })),
  scoring: {
    ruleVersion: '1',
    positive: { kind: 'total-at-least', threshold: 33 },
    subscales: [
      { id: 'B', label: 'Intrusion (B)', items: ids(1, 5) },
      { id: 'C', label: 'Avoidance (C)', items: ids(6, 7) },
      { id: 'D', label: 'Negative alterations in cognition and mood (D)', items: ids(8, 14) },
      { id: 'E', label: 'Alterations in arousal and reactivity (E)', items: ids(15, 20) },
    ],
    criteria: { id: 'dsm5', minItemValue: 2, requirements: [{ subscale: 'B', min: 1 }, { subscale: 'C', min: 1 }, { subscale: 'D', min: 2 }, { subscale: 'E', min: 2 }] },
    flags: [],
    mcid: 10,
  },
};
