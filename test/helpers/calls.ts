import type { Clients } from '../../src/aws/clients.js';

/** Read-only AWS operations start with these verbs; anything else mutates. */
const READ_ONLY = /^(Get|List|Describe|Head|BatchGet|Query|Scan)/;

/** Records the command name of every AWS call the clients make (SDK middleware, nothing mocked). */
export function recordCalls(clients: Clients) {
  const calls: string[] = [];
  for (const client of Object.values(clients)) {
    if (!client || typeof client !== 'object' || !('middlewareStack' in client)) continue;
    (client as { middlewareStack: { add: (...args: unknown[]) => void } }).middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        calls.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'recordCalls' },
    );
  }
  return {
    calls,
    mutating: () => calls.filter((c) => !READ_ONLY.test(c.replace(/Command$/, ''))),
    reset: () => calls.splice(0),
  };
}
