export * from './clinics';
export * from './patients';
export * from './identity';
export * from './audit';
export * from './outbox';
export * from './measurement';
export * from './eligibility';
export * from './scheduling';
