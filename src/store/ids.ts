import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const TIME_WIDTH = 9; // base36 milliseconds: 9 digits last until the year 5188
const SEQUENCE_WIDTH = 3; // 46,656 ids per millisecond per process before time is borrowed
const RANDOM_WIDTH = 7;

let lastTime = 0;
let sequence = 0;

/**
 * A new article id: URL-safe, opaque to clients, and sortable by creation time, so the store's
 * newest-first index is a plain lexicographic range. Within one process ids are strictly
 * increasing (a sequence number breaks ties in the same millisecond, like a monotonic ULID);
 * the random tail keeps processes apart.
 */
export function newArticleId(now = Date.now()): string {
  if (now > lastTime) {
    lastTime = now;
    sequence = 0;
  } else if (++sequence >= 36 ** SEQUENCE_WIDTH) {
    lastTime += 1;
    sequence = 0;
  }
  const time = lastTime.toString(36).padStart(TIME_WIDTH, "0");
  const seq = sequence.toString(36).padStart(SEQUENCE_WIDTH, "0");
  let random = "";
  for (const byte of randomBytes(RANDOM_WIDTH)) random += ALPHABET[byte % ALPHABET.length];
  return `${time}${seq}${random}`;
}

/** Whether a string could be an id made by `newArticleId` (cheap check before touching Redis). */
export function isArticleId(value: string): boolean {
  return /^[0-9a-z]{19}$/u.test(value);
}
