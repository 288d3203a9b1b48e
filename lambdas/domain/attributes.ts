import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One DynamoDB item in the wire shape the SDK sends and Scan returns. */
export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });

export const readString = (item: Item, name: string): string | undefined => item[name]?.S;

/** A numeric attribute; a counter that was never bumped reads as 0. */
export const readNumber = (item: Item, name: string): number => Number(item[name]?.N ?? 0);
