import type { ChannelMode } from "../../domain/channel.js";
import { type Channel, ChannelError, type SendContext, type SendResult } from "../channel.js";
import { surelyNotSent } from "../network-errors.js";
import { SEND_TIMEOUT_MS } from "../with-timeout.js";
import { classifyGraphError, type GraphError } from "./classify-facebook-error.js";

export interface FacebookChannelDeps {
  mode: ChannelMode;
  pageId: string;
  pageToken: string;
  /** Graph origin (`FACEBOOK_GRAPH_URL` or the sandbox) and version path segment. */
  graphUrl: string;
  version: string;
}

/**
 * The Facebook Page: `POST /{version}/{page}/feed` with `message` and `link` (Facebook builds
 * the card from the article page's Open Graph tags). Facebook refuses an exact duplicate (506),
 * so re-sending after an unknown outcome is safe.
 */
export function createFacebookChannel(deps: FacebookChannelDeps): Channel {
  const endpoint = `${deps.graphUrl.replace(/\/+$/u, "")}/${deps.version}/${deps.pageId}/feed`;

  async function send({ preview }: SendContext): Promise<SendResult> {
    const form = new URLSearchParams({
      message: preview.facebook.message,
      link: preview.facebook.link,
      access_token: deps.pageToken,
    });
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        body: form,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      throw surelyNotSent(error)
        ? new ChannelError("transient", "network", "Facebook could not be reached; it will be retried.")
        : new ChannelError(
            "unknown_outcome",
            "connection_lost",
            "The connection to Facebook broke before an answer came.",
          );
    }
    let body: { id?: string; error?: GraphError } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      if (response.ok)
        throw new ChannelError(
          "unknown_outcome",
          "bad_answer",
          "Facebook's answer could not be read; the post may exist.",
        );
    }
    if (!response.ok || body.id === undefined) {
      throw classifyGraphError(
        response.status,
        body.error,
        response.headers.get("x-business-use-case-usage"),
      );
    }
    const [page, post] = body.id.split("_");
    return { remoteId: body.id, remoteUrl: `https://www.facebook.com/${page}/posts/${post ?? body.id}` };
  }

  return { id: "facebook", mode: deps.mode, resendSafe: true, send };
}
