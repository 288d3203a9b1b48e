import type { z } from 'zod';

/** One line per problem, each with its place (`trips[1].seats: ...`), for errors people read. */
export function formatIssues(error: z.ZodError, root = ''): string {
  return error.issues.map((issue) => `${placeOf(issue.path, root)}${issue.message}`).join('\n');
}

/** The first problem only, for short API error answers. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${placeOf(issue.path, '')}${issue.message}` : 'invalid input';
}

function placeOf(path: PropertyKey[], root: string): string {
  const place = path.reduce<string>((at, part) => (typeof part === 'number' ? `${at}[${part}]` : at ? `${at}.${String(part)}` : String(part)), root);
  return place ? `${place}: ` : '';
}
