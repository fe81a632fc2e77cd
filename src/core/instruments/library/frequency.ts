/** The PHQ/GAD frequency answer list with its LOINC answer codes (LL358-3; clinical-facts.md §1.2). */
export const FREQUENCY_OPTIONS = [
  { value: 0, label: 'Not at all', loinc: 'LA6568-5' },
  { value: 1, label: 'Several days', loinc: 'LA6569-3' },
  { value: 2, label: 'More than half the days', loinc: 'LA6570-1' },
  { value: 3, label: 'Nearly every day', loinc: 'LA6571-9' },
];

export const PFIZER_LICENCE =
  'PHQ and GAD-7 © Pfizer Inc.; developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, ' +
  'with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';
