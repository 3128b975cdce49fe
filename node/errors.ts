/** Errors the user caused (bad arguments, unreadable files): printed without a stack trace, exit code 2. */
export class UserError extends Error {}

export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}
