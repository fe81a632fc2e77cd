export * from './clinics';
export * from './patients';
export * from './identity';
export * from './audit';
export * from './outbox';
