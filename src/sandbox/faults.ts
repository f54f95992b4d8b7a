import type { SandboxPlatform } from "./types.js";

/**
 * Failures a test or a newcomer can ask a stand-in to play, on the next posting requests:
 * - `5xx`: the platform's server error (X 503, Telegram 502, Facebook code 2 with HTTP 500);
 * - `429`: the platform's throttle answer, saying `retryAfter` seconds;
 * - `dead-token`: the credentials stop working (X 401, Telegram 401, Facebook 190/463);
 * - `reject`: the platform refuses this content (X 403 "not permitted", Telegram 400, Graph code 100);
 * - `accept-then-drop`: the post IS recorded, then the socket is destroyed without an answer;
 * - `latency`: the answer comes `ms` later (combines with any other fault).
 */
export type SandboxFault =
  | { kind: "5xx"; status?: number }
  | { kind: "429"; retryAfter: number }
  | { kind: "dead-token" }
  | { kind: "reject" }
  | { kind: "accept-then-drop" }
  | { kind: "latency"; ms: number };

export interface FaultOptions {
  /** How many matching posting requests it applies to; default 1. */
  times?: number | "until-cleared";
}

export interface ActiveFault {
  platform: SandboxPlatform;
  fault: SandboxFault;
  remaining: number | "until-cleared";
}

/** What a stand-in must do for one posting request. */
export interface FaultDecision {
  latencyMs: number;
  fault?: Exclude<SandboxFault, { kind: "latency" }>;
}

export interface SandboxFaults {
  inject(platform: SandboxPlatform, fault: SandboxFault, options?: FaultOptions): void;
  /** Clears one platform's faults, or all. */
  clear(platform?: SandboxPlatform): void;
  active(): ActiveFault[];
  /** Used by the stand-ins: takes the faults due for this posting request. */
  take(platform: SandboxPlatform): FaultDecision;
}

export const DEFAULT_FAULT_TIMES = 1;

export function createFaults(): SandboxFaults {
  let faults: { platform: SandboxPlatform; fault: SandboxFault; remaining: number }[] = [];

  return {
    inject(platform, fault, options = {}) {
      const times = options.times ?? DEFAULT_FAULT_TIMES;
      const remaining = times === "until-cleared" ? Number.POSITIVE_INFINITY : times;
      if (!(remaining >= 1)) throw new RangeError("times must be at least 1");
      faults.push({ platform, fault, remaining });
    },
    clear(platform) {
      faults = platform === undefined ? [] : faults.filter((entry) => entry.platform !== platform);
    },
    active() {
      return faults.map((entry) => ({
        platform: entry.platform,
        fault: entry.fault,
        remaining: Number.isFinite(entry.remaining) ? entry.remaining : "until-cleared",
      }));
    },
    take(platform) {
      const decision: FaultDecision = { latencyMs: 0 };
      for (const entry of faults) {
        if (entry.platform !== platform) continue;
        if (entry.fault.kind === "latency") {
          decision.latencyMs += entry.fault.ms;
          entry.remaining -= 1;
        } else if (decision.fault === undefined) {
          decision.fault = entry.fault;
          entry.remaining -= 1;
        }
      }
      faults = faults.filter((entry) => entry.remaining > 0);
      return decision;
    },
  };
}
