/** `bus-cli flood`'s building blocks: measure (load, drain, invariants) apart from print and report. */
export {
  runLoad,
  BOOK_BUS_PATH,
  type LoadOptions,
  type LoadPlan,
  type LoadProgress,
  type LoadResult,
  type AcceptedRequest,
  type DuplicateAnswer,
  type InvalidAnswer,
} from './load.js';
export { followDrain, type DrainProbe, type DrainOptions, type DrainResult, type DrainSample } from './drain.js';
export {
  checkInvariants,
  endToEndLatency,
  type InvariantInput,
  type InvariantResult,
  type BookingRecord,
  type TripRecord,
  type StackCounters,
} from './invariants.js';
export { invariantDataFromItems } from './table.js';
export { buildReport, writeReports, renderReportHtml, type FloodReport, type ReportInput } from './report.js';
export { createLiveLine, formatProgressLine, formatDrainLine, formatSummary, type LiveLine } from './print.js';
export { parseFloodOptions, FloodOptionError, type FloodFlags, type FloodOptions } from './options.js';
export { estimateCost, type CostEstimate, type CostInput } from './cost.js';
export { countOutcomes, type OutcomeCounts, type RunOutcomes } from './outcomes.js';
export type { LatencyStats } from './latency.js';
