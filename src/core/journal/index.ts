export * from './entry';
export * from './mood';
export * from './prompts';
