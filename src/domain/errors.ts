import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One detail of a validation error: where and what. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error type the API answers with: the HTTP status and snake_case code are the contract. */
export class SadaError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "SadaError";
  }
}

export const notFound = (what: string) => new SadaError(404, "not_found", `${what} was not found.`);
export const conflict = (code: string, message: string) => new SadaError(409, code, message);
