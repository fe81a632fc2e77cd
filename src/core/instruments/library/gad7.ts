/**
 * GAD-7. Source: Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized anxiety
 * disorder: the GAD-7. Arch Intern Med 2006;166:1092–7. Bands 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
 * LOINC panel 69737-5, total 70274-6, items per the HL7 PHR IG (clinical-facts.md §1.3). The "0" option is "Not at all"
 * (not "Not at all sure": a known reproduction error, Zorowitz 2021). MCID 4 points (Toussaint 2020).
 */
import type { InstrumentDefinitionInput } from '../definition';
import { FREQUENCY_OPTIONS, PFIZER_LICENCE } from './frequency';

export const gad7: InstrumentDefinitionInput = {
  id: 'gad-7',
  version: '1',
  title: 'Generalized Anxiety Disorder scale (GAD-7)',
  shortTitle: 'GAD-7',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  source: 'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.',
  licence: PFIZER_LICENCE,
  loinc: { panel: '69737-5', total: '70274-6' },
  answerSets: { frequency: FREQUENCY_OPTIONS },
  items: [
    { id: 'gad7-1', loinc: '69725-0', text: 'Feeling nervous, anxious, or on edge' },
    { id: 'gad7-2', loinc: '68509-9', text: 'Not being able to stop or control worrying' },
    { id: 'gad7-3', loinc: '69733-4', text: 'Worrying too much about different things' },
    { id: 'gad7-4', loinc: '69734-2', text: 'Trouble relaxing' },
    { id: 'gad7-5', loinc: '69735-9', text: 'Being so restless that it is hard to sit still' },
    { id: 'gad7-6', loinc: '69689-8', text: 'Becoming easily annoyed or irritable' },
    { id: 'gad7-7', loinc: '69736-7', text: 'Feeling afraid, as if something awful might happen' },
  ].map((i) => ({ ...i, answerSet: 'frequency' })),
  scoring: {
    ruleVersion: '1',
    severity: [
      { min: 0, max: 4, band: 'minimal', label: 'Minimal' },
      { min: 5, max: 9, band: 'mild', label: 'Mild' },
      { min: 10, max: 14, band: 'moderate', label: 'Moderate' },
      { min: 15, max: 21, band: 'severe', label: 'Severe' },
    ],
    flags: [],
    mcid: 4,
  },
};
