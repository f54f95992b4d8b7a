/** A start-up failure the operator can fix; main prints its message as one line and exits 1. */
export class BootError extends Error {
  override name = "BootError";
}
