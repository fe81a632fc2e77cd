/**
 * AUDIT-C: the first three questions of the WHO AUDIT. Positive at ≥ 4 for men, ≥ 3 for women (Bradley KA et al.,
 * Arch Intern Med 2003; Bush K et al., 1998). SAMHSA: "AUDIT-C is available for use in the public domain".
 * LOINC panel 72109-2, total 75626-2; item codes 68518-0, 68519-8, 68520-6 seen in secondary sources (clinical-facts.md §4.1).
 */
import type { InstrumentDefinitionInput } from '../definition';

export const auditC: InstrumentDefinitionInput = {
  id: 'audit-c',
  version: '1',
  title: 'Alcohol Use Disorders Identification Test – Consumption (AUDIT-C)',
  shortTitle: 'AUDIT-C',
  instructions: 'These questions are about your use of alcoholic beverages during the past year. A standard drink is, for example, a 12-oz beer, a 5-oz glass of wine or a 1.5-oz shot of spirits.',
  source: 'Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption questions (AUDIT-C). Arch Intern Med. 1998;158(16):1789-1795.',
  licence: 'Public domain (SAMHSA). Full AUDIT © World Health Organization 2001.',
  loinc: { panel: '72109-2', total: '75626-2' },
  requiresSex: true,
  answerSets: {
    often: [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Monthly or less' },
      { value: 2, label: '2–4 times a month' },
      { value: 3, label: '2–3 times a week' },
      { value: 4, label: '4 or more times a week' },
    ],
    typical: [
      { value: 0, label: '1 or 2' },
      { value: 1, label: '3 or 4' },
      { value: 2, label: '5 or 6' },
      { value: 3, label: '7 to 9' },
      { value: 4, label: '10 or more' },
    ],
    'six-or-more': [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Less than monthly' },
      { value: 2, label: 'Monthly' },
      { value: 3, label: 'Weekly' },
      { value: 4, label: 'Daily or almost daily' },
    ],
  },
  items: [
    { id: 'auditc-1', loinc: '68518-0', answerSet: 'often', text: 'How often do you have a drink containing alcohol?' },
    { id: 'auditc-2', loinc: '68519-8', answerSet: 'typical', text: 'How many standard drinks containing alcohol do you have on a typical day?' },
    { id: 'auditc-3', loinc: '68520-6', answerSet: 'six-or-more', text: 'How often do you have six or more drinks on one occasion?' },
  ],
  scoring: { ruleVersion: '1', positive: { kind: 'total-at-least-by-sex', female: 3, male: 4 }, flags: [] },
};
