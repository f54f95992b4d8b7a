import { randomBytes } from "node:crypto";

/**
 * Graph API error body `{ error: { message, type, code, error_subcode, fbtrace_id } }`; callers
 * classify by `code` (platforms.md, Facebook table), so each helper fixes the code.
 */
export interface GraphError {
  status: 400 | 403 | 500;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_subcode?: number;
      is_transient?: boolean;
      fbtrace_id: string;
    };
  };
}

const traceId = () => randomBytes(8).toString("base64url").slice(0, 11);

function graphError(
  status: GraphError["status"],
  code: number,
  message: string,
  extra: { type?: string; subcode?: number; transient?: boolean } = {},
): GraphError {
  return {
    status,
    body: {
      error: {
        message,
        type: extra.type ?? "OAuthException",
        code,
        ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
        ...(extra.transient === undefined ? {} : { is_transient: extra.transient }),
        fbtrace_id: traceId(),
      },
    },
  };
}

export const noToken = () =>
  graphError(400, 2500, "An active access token must be used to query information about the current user.");
export const badToken = () => graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
export const expiredToken = (at: Date) =>
  graphError(400, 190, `Error validating access token: Session has expired on ${at.toUTCString()}.`, {
    subcode: 463,
  });
export const permission = () =>
  graphError(
    403,
    200,
    "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission",
  );
export const invalidParameter = (message: string) => graphError(400, 100, `(#100) ${message}`);
export const duplicate = () => graphError(400, 506, "(#506) Duplicate status message");
export const throttled = () => graphError(400, 32, "Page request limit reached");
export const temporary = () =>
  graphError(500, 2, "An unexpected error has occurred. Please retry your request later.", {
    transient: true,
  });
export const unsupported = (path: string) =>
  graphError(
    400,
    100,
    `Unsupported post request. Object with ID '${path}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { type: "GraphMethodException", subcode: 33 },
  );
