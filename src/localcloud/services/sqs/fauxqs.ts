import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

/**
 * fauxqs exports only its Fastify app; its store and one-file-per-operation handlers are what we
 * mount behind our own edge, so they are loaded from its dist folder by path.
 */
const lookup = createRequire(import.meta.url).resolve.paths('fauxqs') ?? [];
const root = lookup.map((dir) => join(dir, 'fauxqs')).find((dir) => existsSync(join(dir, 'package.json')));
if (!root) throw new Error('fauxqs is not installed: run npm ci');
const dist = join(root, 'dist');

export const fauxqsModule = <T>(relative: string): Promise<T> => import(pathToFileURL(join(dist, relative)).href) as Promise<T>;

export const SQS_ACTIONS = [
  'CreateQueue',
  'DeleteQueue',
  'GetQueueUrl',
  'ListQueues',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'PurgeQueue',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'SendMessageBatch',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'TagQueue',
  'UntagQueue',
  'ListQueueTags',
] as const;

export type SqsAction = (typeof SQS_ACTIONS)[number];
export type FauxHandler = (body: Record<string, unknown>, store: unknown, request: { headers: Record<string, unknown> }) => unknown;

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** What SQS accepts in a message body (its SendMessage reference), characters above U+FFFF included. */
const INVALID_BODY_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * fauxqs's body check has no `u` flag, so it sees the two halves of a character above U+FFFF (an emoji)
 * and refuses the message, which SQS accepts. Its one RegExp (SendMessage's and SendMessageBatch's) is
 * given SQS's check here; upstream, the fix is the `u` flag and the #x10000-#x10FFFF range.
 */
async function acceptCharactersAboveBmp() {
  const types = await fauxqsModule<{ INVALID_MESSAGE_BODY_CHAR: RegExp }>('sqs/sqsTypes.js');
  types.INVALID_MESSAGE_BODY_CHAR.test = (body: string) => INVALID_BODY_CHARACTER.test(body);
}

export async function loadSqsHandlers(): Promise<Map<string, FauxHandler>> {
  await acceptCharactersAboveBmp();
  const handlers = new Map<string, FauxHandler>();
  await Promise.all(
    SQS_ACTIONS.map(async (action) => {
      const mod = await fauxqsModule<Record<string, FauxHandler>>(`sqs/actions/${lowerFirst(action)}.js`);
      handlers.set(action, mod[lowerFirst(action)]);
    }),
  );
  return handlers;
}
