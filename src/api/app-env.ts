import type { Logger } from "pino";

/** Hono context variables set by Sada's middleware. */
export interface AppEnv {
  Variables: {
    /** Name of the API token that made the request (see API_TOKENS). */
    actor: string;
    logger: Logger;
  };
}
