import type { InstrumentDefinition } from '../../../core/instruments/definition';
import type { Score } from '../../../core/instruments/score';

export function toInstrumentSummary(d: InstrumentDefinition, origin: 'shipped' | 'imported') {
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    shortTitle: d.shortTitle,
    itemCount: d.items.length,
    origin,
    requiresSex: d.requiresSex,
    loinc: d.loinc,
  };
}

/** The scoring contract: flags as ids (with their messages in flagDetails); dsm5Criteria for the PCL-5. */
export function toScoreResult(score: Score) {
  return {
    instrument: score.instrument,
    instrumentVersion: score.instrumentVersion,
    ruleVersion: score.ruleVersion,
    total: score.total,
    ...(score.severity !== undefined ? { severity: score.severity } : {}),
    ...(score.positive !== undefined ? { positive: score.positive } : {}),
    ...(score.subscales ? { subscales: score.subscales } : {}),
    ...(score.criteria?.id === 'dsm5' ? { dsm5Criteria: score.criteria.met } : {}),
    flags: score.flags.map((f) => f.id),
    flagDetails: score.flags,
  };
}
