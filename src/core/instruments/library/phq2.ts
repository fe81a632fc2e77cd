/**
 * PHQ-2: items 1–2 of the PHQ-9. Positive at a total ≥ 3 (sensitivity 83 %, specificity 92 % for major depression;
 * Kroenke K, Spitzer RL, Williams JB. Med Care 2003;41:1284–92). LOINC panel 55757-9, total 55758-7 (seen in secondary
 * sources only, clinical-facts.md §4.1).
 */
import type { InstrumentDefinitionInput } from '../definition';
import { FREQUENCY_OPTIONS, PFIZER_LICENCE } from './frequency';
import { PHQ9_ITEMS } from './phq9';

export const phq2: InstrumentDefinitionInput = {
  id: 'phq-2',
  version: '1',
  title: 'Patient Health Questionnaire-2 (PHQ-2)',
  shortTitle: 'PHQ-2',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  source: 'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener. Med Care. 2003;41(11):1284-1292.',
  licence: PFIZER_LICENCE,
  loinc: { panel: '55757-9', total: '55758-7' },
  answerSets: { frequency: FREQUENCY_OPTIONS },
  items: PHQ9_ITEMS.slice(0, 2).map((i) => ({ ...i, answerSet: 'frequency' })),
  scoring: { ruleVersion: '1', positive: { kind: 'total-at-least', threshold: 3 }, flags: [] },
};
