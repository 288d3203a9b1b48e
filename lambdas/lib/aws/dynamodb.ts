import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onePerRegion } from './one-per-region.js';

export const dynamodb = onePerRegion((region) => new DynamoDBClient({ region }));
