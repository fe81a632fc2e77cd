export * from './access';
export * from './answers';
export * from './guide';
