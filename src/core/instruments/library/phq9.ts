/**
 * PHQ-9 (Patient Health Questionnaire-9). Source: Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief
 * depression severity measure. J Gen Intern Med 2001;16:606–13. Bands 0–4/5–9/10–14/15–19/20–27 (Kroenke 2001).
 * LOINC panel 44249-1, total 44261-6, items per the HL7 US Behavioral Health Profiles IG (clinical-facts.md §1.2).
 * Item 9 ≥ 1 is a positive suicide screen whatever the total (§1.2); MCID 5 points (Löwe 2004).
 */
import type { InstrumentDefinitionInput } from '../definition';
import { FREQUENCY_OPTIONS, PFIZER_LICENCE } from './frequency';

export const PHQ9_ITEMS = [
  { id: 'phq9-1', loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
  { id: 'phq9-2', loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
  { id: 'phq9-3', loinc: '44259-0', text: 'Trouble falling or staying asleep, or sleeping too much' },
  { id: 'phq9-4', loinc: '44254-1', text: 'Feeling tired or having little energy' },
  { id: 'phq9-5', loinc: '44251-7', text: 'Poor appetite or overeating' },
  { id: 'phq9-6', loinc: '44258-2', text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down' },
  { id: 'phq9-7', loinc: '44252-5', text: 'Trouble concentrating on things, such as reading the newspaper or watching television' },
  {
    id: 'phq9-8',
    loinc: '44253-3',
    text: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  },
  { id: 'phq9-9', loinc: '44260-8', text: 'Thoughts that you would be better off dead or of hurting yourself in some way' },
] as const;

export const SUICIDAL_IDEATION_FLAG = {
  id: 'suicidal-ideation',
  message: 'Thoughts of being better off dead or of self-harm were reported: assess suicide risk today.',
};

export const phq9: InstrumentDefinitionInput = {
  id: 'phq-9',
  version: '1',
  title: 'Patient Health Questionnaire (PHQ-9)',
  shortTitle: 'PHQ-9',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  source: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-613.',
  licence: PFIZER_LICENCE,
  loinc: { panel: '44249-1', total: '44261-6' },
  answerSets: {
    frequency: FREQUENCY_OPTIONS,
    difficulty: [
      { value: 0, label: 'Not difficult at all' },
      { value: 1, label: 'Somewhat difficult' },
      { value: 2, label: 'Very difficult' },
      { value: 3, label: 'Extremely difficult' },
    ],
  },
  items: [
    ...PHQ9_ITEMS.map((i) => ({ ...i, answerSet: 'frequency' })),
    {
      id: 'phq9-difficulty',
      loinc: '69722-7',
      answerSet: 'difficulty',
      scored: false,
      required: false,
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
    },
  ],
  scoring: {
    ruleVersion: '1',
    severity: [
      { min: 0, max: 4, band: 'minimal', label: 'Minimal' },
      { min: 5, max: 9, band: 'mild', label: 'Mild' },
      { min: 10, max: 14, band: 'moderate', label: 'Moderate' },
      { min: 15, max: 19, band: 'moderately-severe', label: 'Moderately severe' },
      { min: 20, max: 27, band: 'severe', label: 'Severe' },
    ],
    flags: [{ ...SUICIDAL_IDEATION_FLAG, item: 'phq9-9', minValue: 1 }],
    mcid: 5,
  },
};
