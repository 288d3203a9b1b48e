import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientDefaults, onePerRegion } from './one-per-region.js';

export const dynamodb = onePerRegion((region) => new DynamoDBClient({ ...clientDefaults(), region }));
