/**
 * X API v2 error bodies ("problems"): `{ title, detail, type, status }`, the shape
 * twitter-api-v2 exposes as `ApiResponseError.data` (platforms.md, X "Errors").
 */
export interface XProblem {
  title: string;
  detail: string;
  type: string;
  status: number;
  errors?: { message: string; parameters?: Record<string, string[]> }[];
}

const ABOUT_BLANK = "about:blank";

export const unauthorized = (): XProblem => ({
  title: "Unauthorized",
  type: ABOUT_BLANK,
  status: 401,
  detail: "Unauthorized",
});

export const tooManyRequests = (): XProblem => ({
  title: "Too Many Requests",
  type: ABOUT_BLANK,
  status: 429,
  detail: "Too Many Requests",
});

/** X's exact words; platforms.md: match this `detail`, `hasErrorCode(187)` misses it in v2. */
export const DUPLICATE_DETAIL = "You are not allowed to create a Tweet with duplicate content.";

export const duplicate = (): XProblem => ({
  title: "Forbidden",
  type: ABOUT_BLANK,
  status: 403,
  detail: DUPLICATE_DETAIL,
});

export const tooLong = (weightedLength: number): XProblem => ({
  title: "Forbidden",
  type: ABOUT_BLANK,
  status: 403,
  detail: `Tweet needs to be a bit shorter (weighted length ${weightedLength} is over the limit).`,
});

export const invalidRequest = (parameter: string, values: string[], message: string): XProblem => ({
  title: "Invalid Request",
  type: "https://api.twitter.com/2/problems/invalid-request",
  status: 400,
  detail: "One or more parameters to your request was invalid.",
  errors: [{ parameters: { [parameter]: values }, message }],
});

export const notFound = (): XProblem => ({
  title: "Not Found Error",
  type: "https://api.twitter.com/2/problems/resource-not-found",
  status: 404,
  detail: "Could not find the requested resource.",
});

export const serviceUnavailable = (status: number): XProblem => ({
  title: "Service Unavailable",
  type: ABOUT_BLANK,
  status,
  detail: "Service Unavailable",
});

export const notPermitted = (): XProblem => ({
  title: "Forbidden",
  type: ABOUT_BLANK,
  status: 403,
  detail: "You are not permitted to perform this action.",
});
