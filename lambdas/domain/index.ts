/** The booking domain shared by the Lambdas, the stack (seeding) and the CLI (recount after a flood). */
export * from './attributes.js';
export * from './booking.js';
export * from './contract.js';
export * from './counters.js';
export * from './keys.js';
export * from './message.js';
export * from './recount.js';
export * from './seed.js';
export * from './trips.js';
export { firstIssue, formatIssues } from './validation.js';
