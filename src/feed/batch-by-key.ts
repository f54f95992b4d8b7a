interface Slot<T> {
  running: Promise<T>;
  /** The one run that starts when `running` settles, shared by everyone who asked meanwhile. */
  next: Promise<T> | null;
}

/**
 * Runs `run(key)` for callers, sharing work without ever answering stale: a caller arriving
 * while a run for its key is in flight does not join that run (it may have read Redis before the
 * caller's own write landed) but the next one, which starts when the current one settles and
 * serves every caller that arrived meanwhile. So at most one run per key is in flight, one more
 * is pending, and under load one Redis read answers many requests. Idle keys are forgotten.
 */
export function batchByKey<K, T>(run: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const slots = new Map<K, Slot<T>>();

  function start(key: K): Promise<T> {
    const running = run(key);
    const slot: Slot<T> = { running, next: null };
    slots.set(key, slot);
    const settled = () => {
      if (slots.get(key) === slot && slot.next === null) slots.delete(key);
    };
    running.then(settled, settled);
    return running;
  }

  return (key) => {
    const slot = slots.get(key);
    if (slot === undefined) return start(key);
    slot.next ??= slot.running.then(
      () => start(key),
      () => start(key),
    );
    return slot.next;
  };
}
