import { Queue } from "bullmq";
import type { Redis } from "ioredis";

/**
 * A producer-side queue. Connection errors while Redis is away are expected (the connection
 * reconnects by itself and the failing call reports them); without a listener BullMQ would print
 * each one, so they are swallowed here, once, for every queue.
 */
export function createQueue<T>(name: string, connection: Redis, prefix: string): Queue<T> {
  const queue = new Queue<T>(name, { connection, prefix });
  queue.on("error", () => {});
  return queue;
}
