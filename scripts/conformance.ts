// Runs the conformance suite (test/conformance/) against a fresh embedded cloud and prints one line per
// case, then how many match AWS's recordings, per service and in all. Exit 1 on a mismatch not listed
// in KNOWN_DIVERGENCES.
//
// Run: npm run conformance [-- --verbose]   (--verbose: also the message texts that differ, reported only)
import { parseArgs } from 'node:util';
import { runConformance } from '../test/conformance/run.js';
import { KNOWN_DIVERGENCES } from '../test/conformance/divergences.js';
import type { CaseResult } from '../test/conformance/types.js';

const { values: flags } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });
const results = await runConformance();

for (const r of results) {
  const known = KNOWN_DIVERGENCES[r.case.id];
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.case.id}  (${r.case.source})`);
  for (const p of r.problems) console.log(`        ${p}`);
  if (!r.ok && known) console.log(`        known divergence: ${known}`);
  if (flags.verbose) for (const n of r.notes) console.log(`        note: ${n}`);
}

const tally = (rs: CaseResult[]) => `${rs.filter((r) => r.ok).length}/${rs.length}`;
const services = [...new Set(results.map((r) => r.case.service))];
console.log('');
for (const s of services) {
  const of = results.filter((r) => r.case.service === s);
  console.log(`  ${s.padEnd(13)} ${tally(of).padStart(7)}  (AWS-recorded ${tally(of.filter((r) => r.case.recorded === 'aws'))})`);
}
const recordedOnAws = results.filter((r) => r.case.recorded === 'aws');
console.log(`  AWS-recorded cases ${tally(recordedOnAws)}, reference cases ${tally(results.filter((r) => r.case.recorded === 'reference'))}`);
console.log(`conformance: ${tally(results)} match AWS recordings`);
process.exitCode = results.some((r) => !r.ok && !(r.case.id in KNOWN_DIVERGENCES)) ? 1 : 0;
