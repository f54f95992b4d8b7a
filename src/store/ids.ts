import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const TIME_WIDTH = 9; // base36 milliseconds: 9 digits last until the year 5188
const RANDOM_WIDTH = 10;

/**
 * A new article id: URL-safe, opaque to clients, and sortable by creation time, so the store's
 * newest-first index is a plain lexicographic range with no tie-breaking of its own.
 */
export function newArticleId(now = Date.now()): string {
  const time = now.toString(36).padStart(TIME_WIDTH, "0");
  const bytes = randomBytes(RANDOM_WIDTH);
  let random = "";
  for (const byte of bytes) random += ALPHABET[byte % ALPHABET.length];
  return `${time}${random}`;
}

/** Whether a string could be an id made by `newArticleId` (cheap check before touching Redis). */
export function isArticleId(value: string): boolean {
  return /^[0-9a-z]{19}$/u.test(value);
}
