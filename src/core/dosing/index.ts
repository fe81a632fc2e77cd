/**
 * The dosing-session core (issue #5): pure functions and types for the session console. No IO, no clock: instants
 * are epoch milliseconds passed in; errors are `Result` values (src/core/errors.ts).
 */
export * from './units';
export * from './common';
export * from './dosing-protocol';
export * from './vitals';
export * from './checklist';
export { formatMinutes, PREDOSE_REQUIRED_VITALS, type RuleFacts, type RuleOutcome } from './checklist-rules';
export * from './dose-order';
export * from './checkpoints';
export * from './discharge';
export * from './session-state';
export * from './presence';
