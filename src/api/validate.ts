import type { z } from "zod";
import { type ErrorDetail, SadaError } from "../domain/errors.js";

/** Turns zod issues into the contract's error details: a dotted path and a human sentence. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return {
        path: path === "" ? issue.keys.join(", ") : path,
        message: `unknown field(s): ${issue.keys.join(", ")}`,
      };
    }
    if (issue.code === "invalid_type" && issue.input === undefined) return { path, message: "is required" };
    if (issue.code === "invalid_type") return { path, message: `must be ${issue.expected}` };
    return { path, message: issue.message };
  });
}

/** Parses with a schema, or returns the details and a one-line summary of the first problem. */
function parseOrDetails<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; details: ErrorDetail[]; summary: string } {
  // reportInput: without it zod 4 leaves `input` out of issues and a wrong type reads as missing.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const details = issuesToDetails(result.error.issues);
  const first = details[0];
  const summary = first === undefined ? "" : `: ${first.path === "" ? "" : `${first.path} `}${first.message}`;
  return { ok: false, details, summary };
}

/** Parses a body with a schema or throws the contract's 422 with one detail per problem. */
export function parseOr422<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = parseOrDetails(schema, value);
  if (parsed.ok) return parsed.data;
  throw new SadaError(
    422,
    "invalid_fields",
    `The ${what} has invalid fields${parsed.summary}.`,
    parsed.details,
  );
}

/** Like parseOr422 for query strings and path parameters: a bad one is a 400, not a 422. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = parseOrDetails(schema, value);
  if (parsed.ok) return parsed.data;
  throw new SadaError(400, "invalid_query", `The ${what} is invalid${parsed.summary}.`, parsed.details);
}
