import type { Case } from '../types.js';
import { DYNAMODB_CASES } from './dynamodb.js';
import { SQS_CASES } from './sqs.js';

/** Every conformance case, in the order they are printed. */
export const ALL_CASES: readonly Case[] = [...SQS_CASES, ...DYNAMODB_CASES];
