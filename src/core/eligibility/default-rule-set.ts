/**
 * The default eligibility rule set (issue #3 §4), each rule with its source (clinical-facts.md §3, §2.4). A clinic
 * copies and edits it; every decision stores the version it used.
 */
import type { Condition } from './vocabulary';
import { CONDITION_LABELS } from './vocabulary';
import type { EligibilityRule, EligibilityRuleSet } from './rules';

const SPRAVATO = 'Spravato (esketamine) prescribing information: contraindications';
const KETAMINE_LABEL = 'Ketamine HCl injection label: contraindications';
const SPRAVATO_WARN = 'Spravato prescribing information: warnings and precautions';
const CONSENSUS = 'APA consensus on ketamine for mood disorders (Sanacora 2017), per summaries';

function condition(condition: Condition, outcome: 'ineligible' | 'needs-review', source: string, extra = ''): EligibilityRule {
  return {
    id: `${outcome === 'ineligible' ? 'exclude' : 'review'}-${condition}`,
    kind: 'condition',
    condition,
    outcome,
    message: `${CONDITION_LABELS[condition]}${extra}`,
    source,
    clinicPolicy: false,
    enabled: true,
  };
}

export const DEFAULT_ELIGIBILITY_RULE_SET: EligibilityRuleSet = {
  version: 'default-1',
  rules: [
    condition('aneurysmal-vascular-disease', 'ineligible', SPRAVATO),
    condition('arteriovenous-malformation', 'ineligible', SPRAVATO),
    condition('intracerebral-hemorrhage-history', 'ineligible', SPRAVATO),
    condition('ketamine-hypersensitivity', 'ineligible', `${SPRAVATO}; ${KETAMINE_LABEL}`),
    condition('raised-intracranial-pressure', 'ineligible', 'Ketamine HCl injection label: warnings (raised CSF pressure)'),
    condition('pregnancy', 'ineligible', `${SPRAVATO_WARN} (fetal harm; not recommended)`),
    condition('imminent-suicide-risk', 'ineligible', 'Clinical safety', ': refer to a higher level of care (emergency or inpatient evaluation) before any KAP course'),
    {
      id: 'bp-hold', kind: 'blood-pressure-at-least', systolic: 160, diastolic: 100, outcome: 'ineligible',
      message: 'Blood pressure at or above 160/100 (clinic hold threshold)', source: `Clinic policy; ${KETAMINE_LABEL} (significant BP elevation a serious hazard)`,
      clinicPolicy: true, enabled: true,
    },
    condition('psychosis-history', 'needs-review', `${SPRAVATO_WARN}; ${CONSENSUS}`),
    condition('mania-history', 'needs-review', CONSENSUS),
    condition('substance-use-disorder-active', 'needs-review', `${SPRAVATO_WARN} (abuse and misuse, CIII)`),
    condition('substance-use-disorder-history', 'needs-review', `${SPRAVATO_WARN} (abuse and misuse, CIII)`),
    condition('unstable-cardiovascular-disease', 'needs-review', `${KETAMINE_LABEL}; common clinic exclusion`),
    condition('severe-hepatic-impairment', 'needs-review', 'Common clinic exclusion (clinical-facts.md §3)'),
    condition('interstitial-cystitis', 'needs-review', SPRAVATO_WARN),
    condition('breastfeeding', 'needs-review', SPRAVATO_WARN),
    condition('uncontrolled-hypertension', 'needs-review', KETAMINE_LABEL),
    {
      id: 'bp-warn', kind: 'blood-pressure-at-least', systolic: 140, diastolic: 90, outcome: 'needs-review',
      message: 'Blood pressure at or above 140/90: weigh the risk of a short-term rise against the benefit', source: 'Spravato prescribing information (BP > 140/90 marker)',
      clinicPolicy: false, enabled: true,
    },
    {
      id: 'audit-c-positive', kind: 'audit-c-positive', female: 3, male: 4, outcome: 'needs-review',
      message: 'Positive AUDIT-C: assess alcohol use before treatment', source: 'Bradley 2003 (AUDIT-C cut-offs); Spravato warnings (CNS depressants)',
      clinicPolicy: false, enabled: true,
    },
    {
      id: 'phq9-item9', kind: 'phq9-item9-at-least', min: 1, outcome: 'needs-review',
      message: 'PHQ-9 item 9 above zero: assess suicide risk (e.g. with a licensed C-SSRS) before deciding', source: 'PHQ-9 item 9 rule (clinical-facts.md §1.2)',
      clinicPolicy: false, enabled: true,
    },
    {
      id: 'no-indication', kind: 'no-indication', outcome: 'needs-review',
      message: 'No indication recorded', source: 'Consensus pre-treatment evaluation (diagnostic assessment)',
      clinicPolicy: false, enabled: true,
    },
  ],
};
