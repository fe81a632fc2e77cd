export * from './progress-note';
export * from './templates';
