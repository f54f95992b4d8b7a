import type { Context } from "hono";
import { Hono } from "hono";
import type { SandboxFaults } from "../faults.js";
import { dropConnection, type SandboxEnv, sleep } from "../http-server.js";
import { createFixedWindow, type WindowAnswer } from "../rate-limit.js";
import type { SandboxState } from "../state/state.js";
import type { SandboxPost } from "../types.js";
import * as graph from "./errors.js";
import {
  FACEBOOK_MESSAGE_MAX,
  type FacebookSandboxOptions,
  type ResolvedFacebookOptions,
  resolveFacebookOptions,
  SCHEDULE_MAX_SECONDS,
  SCHEDULE_MIN_SECONDS,
} from "./options.js";
import { type GraphParams, readGraphParams, text } from "./params.js";

/** Post and photo ids are numeric strings; ours count up from here. */
const POST_ID_BASE = 122_100_000_000_000_000n;

export interface FacebookSandbox {
  app: Hono<SandboxEnv>;
  options: ResolvedFacebookOptions;
  reset(): void;
}

type GraphContext = Context<SandboxEnv>;
type Refused = { error: graph.GraphError };
type Built = Refused | { post: SandboxPost; answer: Record<string, string> };
type Common = { link: string | undefined; published: boolean; scheduledFor: string | undefined };

export function createFacebookSandbox(deps: {
  state: SandboxState;
  faults: SandboxFaults;
  options?: FacebookSandboxOptions;
}): FacebookSandbox {
  const options = resolveFacebookOptions(deps.options);
  const { state, faults } = deps;
  const clock = options.clock;
  const window = createFixedWindow({ limit: options.callsPerWindow, windowMs: options.windowMs, clock });
  const app = new Hono<SandboxEnv>();

  const fail = (c: GraphContext, error: graph.GraphError) => c.json(error.body, error.status);

  /** Facebook reports Page usage in percent, and how long until access returns, in minutes. */
  const usageHeader = (c: GraphContext, answer: WindowAnswer, regainMinutes = 0) => {
    const used = Math.round(((answer.limit - answer.remaining) / answer.limit) * 100);
    c.header(
      "X-Business-Use-Case-Usage",
      JSON.stringify({
        [options.pageId]: [
          {
            type: "pages",
            call_count: used,
            total_cputime: Math.round(used / 2),
            total_time: Math.round(used / 2),
            estimated_time_to_regain_access: regainMinutes,
          },
        ],
      }),
    );
  };

  app.post("/:version/:pageId/:edge", async (c) => {
    const { version, pageId, edge } = c.req.param();
    if (!/^v\d+\.\d+$/u.test(version) || (edge !== "feed" && edge !== "photos")) {
      return fail(c, graph.unsupported(`${pageId}/${edge}`));
    }
    const params = await readGraphParams(c.req.raw);
    const token = text(params, "access_token");
    if (token === undefined || token === "") return fail(c, graph.noToken());
    if (token !== options.pageToken) return fail(c, graph.badToken());

    const answer = window.hit();
    if (!answer.allowed) {
      usageHeader(c, answer, Math.ceil((answer.resetAt - clock()) / 60_000));
      return fail(c, graph.throttled());
    }
    usageHeader(c, answer);

    const decision = faults.take("facebook");
    await sleep(decision.latencyMs);
    switch (decision.fault?.kind) {
      case "5xx":
        return fail(c, graph.temporary());
      case "429": {
        usageHeader(
          c,
          window.exhaust(clock() + decision.fault.retryAfter * 1000),
          Math.ceil(decision.fault.retryAfter / 60),
        );
        return fail(c, graph.throttled());
      }
      case "dead-token":
        return fail(c, graph.expiredToken(new Date(clock() - 60_000)));
      case "reject":
        return fail(c, graph.invalidParameter("The post was refused."));
      default:
        break;
    }
    if (pageId !== options.pageId) return fail(c, graph.permission());

    const built = edge === "feed" ? await feedPost(params) : await photoPost(params);
    if ("error" in built) return fail(c, built.error);
    await state.record(built.post);
    if (decision.fault?.kind === "accept-then-drop") return dropConnection(c);
    return c.json(built.answer);
  });

  app.all("*", (c) => fail(c, graph.unsupported(new URL(c.req.url).pathname.slice(1))));

  const nextPostId = async () =>
    `${options.pageId}_${POST_ID_BASE + BigInt(await state.nextId("facebook:post"))}`;

  const common = (params: GraphParams): Refused | Common => {
    const link = text(params, "link");
    if (link !== undefined && !isHttpUrl(link))
      return { error: graph.invalidParameter("link URL is not properly formatted") };
    const published = text(params, "published") !== "false";
    const scheduled = text(params, "scheduled_publish_time");
    let scheduledFor: string | undefined;
    if (scheduled !== undefined) {
      const at = parseTime(scheduled);
      const ahead = at === undefined ? Number.NaN : (at - clock()) / 1000;
      if (published || !(ahead >= SCHEDULE_MIN_SECONDS && ahead <= SCHEDULE_MAX_SECONDS)) {
        return { error: graph.invalidParameter("The specified scheduled publish time is invalid.") };
      }
      scheduledFor = new Date(at ?? 0).toISOString();
    }
    return { link, published, scheduledFor };
  };

  const feedPost = async (params: GraphParams): Promise<Built> => {
    const message = text(params, "message") ?? "";
    const base = common(params);
    if ("error" in base) return base;
    if (message === "" && base.link === undefined)
      return { error: graph.invalidParameter("Missing message or attachment.") };
    if (message.length > FACEBOOK_MESSAGE_MAX)
      return { error: graph.invalidParameter("Message is too long.") };
    const id = await nextPostId();
    // Facebook refuses the same status (message and link) twice: code 506.
    if ((await state.claim("facebook", JSON.stringify([message, base.link ?? ""]), id)) !== undefined) {
      return { error: graph.duplicate() };
    }
    const post = pagePost(id, "feed", message, base);
    return { post, answer: { id } };
  };

  const photoPost = async (params: GraphParams): Promise<Built> => {
    const base = common(params);
    if ("error" in base) return base;
    const url = text(params, "url");
    const source = params.source;
    let media: string;
    if (url !== undefined && isHttpUrl(url)) media = url;
    else if (source instanceof File) media = `upload:${source.name || "photo"} (${source.size} bytes)`;
    else return { error: graph.invalidParameter("Invalid parameter") };
    const message = text(params, "caption") ?? text(params, "message") ?? "";
    const id = await nextPostId();
    const photoId = id.split("_")[1] ?? id;
    const post = pagePost(id, "photo", message, { ...base, media: [media] });
    return { post, answer: { id: photoId, post_id: id } };
  };

  const pagePost = (
    id: string,
    kind: SandboxPost["kind"],
    message: string,
    extra: {
      link?: string | undefined;
      published: boolean;
      scheduledFor?: string | undefined;
      media?: string[];
    },
  ): SandboxPost => ({
    platform: "facebook",
    kind,
    id,
    target: options.pageId,
    targetName: options.pageName,
    text: message,
    link: extra.link,
    media: extra.media,
    published: extra.published,
    scheduledFor: extra.scheduledFor,
    createdAt: new Date(clock()).toISOString(),
  });

  return {
    app,
    options,
    reset() {
      window.reset();
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Graph takes a UNIX timestamp (seconds) or an ISO 8601 string. */
function parseTime(value: string): number | undefined {
  if (/^\d+$/u.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
