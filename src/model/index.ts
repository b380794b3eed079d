/** Public surface of the inventory model. */
export * from './issues.ts';
export * from './node-kinds.ts';
export * from './parse-inventory.ts';
export * from './type-guards.ts';
export type * from './types.ts';
