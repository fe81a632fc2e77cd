/** Ids used in the API and in rule sets (issue #3 §4). */
export const INDICATIONS = [
  'treatment-resistant-depression',
  'major-depressive-disorder',
  'ptsd',
  'anxiety-disorder',
  'existential-distress',
  'chronic-stress-burnout',
] as const;
export type Indication = (typeof INDICATIONS)[number];

export const CONDITIONS = [
  'aneurysmal-vascular-disease',
  'arteriovenous-malformation',
  'intracerebral-hemorrhage-history',
  'ketamine-hypersensitivity',
  'raised-intracranial-pressure',
  'pregnancy',
  'breastfeeding',
  'psychosis-history',
  'mania-history',
  'substance-use-disorder-active',
  'substance-use-disorder-history',
  'uncontrolled-hypertension',
  'unstable-cardiovascular-disease',
  'severe-hepatic-impairment',
  'interstitial-cystitis',
  'imminent-suicide-risk',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_LABELS: Record<Condition, string> = {
  'aneurysmal-vascular-disease': 'Aneurysmal vascular disease',
  'arteriovenous-malformation': 'Arteriovenous malformation',
  'intracerebral-hemorrhage-history': 'History of intracerebral haemorrhage',
  'ketamine-hypersensitivity': 'Hypersensitivity to ketamine',
  'raised-intracranial-pressure': 'Raised intracranial pressure',
  pregnancy: 'Pregnancy',
  breastfeeding: 'Breastfeeding',
  'psychosis-history': 'History of psychosis',
  'mania-history': 'History of mania',
  'substance-use-disorder-active': 'Active substance use disorder',
  'substance-use-disorder-history': 'Past substance use disorder',
  'uncontrolled-hypertension': 'Uncontrolled hypertension (reported)',
  'unstable-cardiovascular-disease': 'Unstable cardiovascular disease',
  'severe-hepatic-impairment': 'Severe hepatic impairment',
  'interstitial-cystitis': 'Interstitial or ulcerative cystitis',
  'imminent-suicide-risk': 'Imminent suicide risk',
};

export const INDICATION_LABELS: Record<Indication, string> = {
  'treatment-resistant-depression': 'Treatment-resistant depression',
  'major-depressive-disorder': 'Major depressive disorder',
  ptsd: 'Post-traumatic stress disorder',
  'anxiety-disorder': 'Anxiety disorder',
  'existential-distress': 'Existential distress in serious illness',
  'chronic-stress-burnout': 'Chronic stress / burnout',
};
