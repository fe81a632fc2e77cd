/** The course timeline (issue #6 §5): pure functions over loaded rows. No IO, no clock. */
export * from './events';
export * from './dose-summary';
export * from './scores';
export * from './course-range';
export * from './build';
export * from './patient';
