/** What the global setup hands to the tests. */
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export {};
