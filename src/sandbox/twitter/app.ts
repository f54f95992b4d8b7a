import type { Context } from "hono";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import twitterText from "twitter-text";
import type { SandboxFaults } from "../faults.js";
import { dropConnection, type SandboxEnv, sleep } from "../http-server.js";
import { createFixedWindow, type FixedWindow, type WindowAnswer } from "../rate-limit.js";
import type { SandboxState } from "../state/state.js";
import { createMediaUploads, MAX_IMAGE_BYTES, MEDIA_EXPIRES_AFTER_SECS } from "./media.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import { REAL_X_ORIGIN, verifyOAuth } from "./oauth.js";
import { type ResolvedTwitterOptions, resolveTwitterOptions, type TwitterSandboxOptions } from "./options.js";
import * as problem from "./problems.js";

/** X ids are 64-bit snowflakes printed as decimal strings; ours count up from here. */
const TWEET_ID_BASE = 1_900_000_000_000_000_000n;
const MEDIA_ID_BASE = 1_950_000_000_000_000_000n;

export interface TwitterSandbox {
  app: Hono<SandboxEnv>;
  options: ResolvedTwitterOptions;
  /** Forgets rate-limit windows and uploads (posts live in the state). */
  reset(): void;
}

type XContext = Context<SandboxEnv>;

export function createTwitterSandbox(deps: {
  state: SandboxState;
  faults: SandboxFaults;
  options?: TwitterSandboxOptions;
}): TwitterSandbox {
  const options = resolveTwitterOptions(deps.options);
  const { state, faults } = deps;
  const clock = options.clock;
  const tweets = createFixedWindow({ limit: options.postsPerWindow, windowMs: options.windowMs, clock });
  const media = createFixedWindow({ limit: options.mediaPerWindow, windowMs: options.windowMs, clock });
  const uploads = createMediaUploads(clock);
  const app = new Hono<SandboxEnv>();

  const windowFor = (path: string): FixedWindow => (path.startsWith("/2/media") ? media : tweets);

  // X sends its rate-limit headers on every answer; twitter-api-v2 parses them into `rateLimit`.
  const withLimits = (c: XContext, answer: WindowAnswer) => {
    c.header("x-rate-limit-limit", String(answer.limit));
    c.header("x-rate-limit-remaining", String(answer.remaining));
    c.header("x-rate-limit-reset", String(Math.ceil(answer.resetAt / 1000)));
  };
  const fail = (c: XContext, body: problem.XProblem) => c.json(body, body.status as ContentfulStatusCode);

  // Auth first, then the window: a request X refuses as unauthorised spends nothing.
  app.use("/2/*", async (c, next) => {
    const url = new URL(c.req.url);
    const authorised = verifyOAuth({
      header: c.req.header("authorization"),
      method: c.req.method,
      origins: [REAL_X_ORIGIN, url.origin],
      path: url.pathname,
      query: url.searchParams,
      credentials: options.credentials,
      checkSignature: options.checkSignature,
    });
    const window = windowFor(url.pathname);
    if (!authorised) {
      withLimits(c, window.peek());
      return fail(c, problem.unauthorized());
    }
    const answer = c.req.method === "POST" ? window.hit() : window.peek();
    withLimits(c, answer);
    if (!answer.allowed) return fail(c, problem.tooManyRequests());
    await next();
  });

  /** Applies the faults due for a posting request; answers when one replaces the normal answer. */
  const applyFaults = async (c: XContext, window: FixedWindow) => {
    const decision = faults.take("twitter");
    await sleep(decision.latencyMs);
    const fault = decision.fault;
    if (fault === undefined) return { drop: false };
    switch (fault.kind) {
      case "5xx":
        return { drop: false, answer: fail(c, problem.serviceUnavailable(fault.status ?? 503)) };
      case "429":
        withLimits(c, window.exhaust(clock() + fault.retryAfter * 1000));
        return { drop: false, answer: fail(c, problem.tooManyRequests()) };
      case "dead-token":
        return { drop: false, answer: fail(c, problem.unauthorized()) };
      case "reject":
        return { drop: false, answer: fail(c, problem.notPermitted()) };
      case "accept-then-drop":
        return { drop: true };
    }
  };

  app.post("/2/tweets", async (c) => {
    const faulted = await applyFaults(c, tweets);
    if (faulted.answer !== undefined) return faulted.answer;
    const body = await readJson(c);
    if (body === undefined)
      return fail(c, problem.invalidRequest("body", [], "Request body must be a JSON object."));

    const text = typeof body.text === "string" ? body.text : "";
    const mediaIds = readMediaIds(body.media);
    const replyTo = readReplyTo(body.reply);
    if (mediaIds === null)
      return fail(c, problem.invalidRequest("media.media_ids", [], "media_ids must be strings."));
    if (replyTo === null) {
      return fail(
        c,
        problem.invalidRequest("reply.in_reply_to_tweet_id", [], "in_reply_to_tweet_id must be a string."),
      );
    }
    if (text === "" && mediaIds.length === 0) {
      return fail(c, problem.invalidRequest("text", [text], "Tweet text or media is required."));
    }
    if (text !== "") {
      const parsed = twitterText.parseTweet(text);
      if (!parsed.valid) return fail(c, problem.tooLong(parsed.weightedLength));
    }
    if (replyTo !== undefined && (await state.get("twitter", replyTo)) === undefined) {
      return fail(
        c,
        problem.invalidRequest(
          "reply.in_reply_to_tweet_id",
          [replyTo],
          "You attempted to reply to a Tweet that is deleted or not visible to you.",
        ),
      );
    }
    const unknownMedia = mediaIds.find((id) => !uploads.isReady(id));
    if (unknownMedia !== undefined) {
      return fail(
        c,
        problem.invalidRequest("media.media_ids", [unknownMedia], "Your media IDs are invalid."),
      );
    }

    const id = String(TWEET_ID_BASE + BigInt(await state.nextId("twitter:tweet")));
    // X refuses an exact repeat of an earlier text (the media do not make it different).
    if (text !== "" && (await state.claim("twitter", text, id)) !== undefined) {
      return fail(c, problem.duplicate());
    }
    await state.record({
      platform: "twitter",
      kind: "tweet",
      id,
      target: `@${options.username}`,
      targetName: `@${options.username}`,
      text,
      media: mediaIds.length > 0 ? mediaIds : undefined,
      replyTo,
      createdAt: new Date(clock()).toISOString(),
    });
    if (faulted.drop) return dropConnection(c);
    return c.json({ data: { id, text, edit_history_tweet_ids: [id] } }, 201);
  });

  app.post("/2/media/upload/initialize", async (c) => {
    const body = await readJson(c);
    const mediaType = typeof body?.media_type === "string" ? body.media_type : "";
    const totalBytes = typeof body?.total_bytes === "number" ? body.total_bytes : Number.NaN;
    const category = typeof body?.media_category === "string" ? body.media_category : undefined;
    if (!/^(image|video)\//u.test(mediaType)) {
      return fail(c, problem.invalidRequest("media_type", [mediaType], "media_type is not supported."));
    }
    if (!Number.isInteger(totalBytes) || totalBytes <= 0 || totalBytes > MAX_IMAGE_BYTES) {
      return fail(
        c,
        problem.invalidRequest("total_bytes", [String(totalBytes)], "total_bytes is out of range."),
      );
    }
    const id = String(MEDIA_ID_BASE + BigInt(await state.nextId("twitter:media")));
    uploads.start(id, mediaType, totalBytes, category);
    return c.json({ data: { id, media_key: `3_${id}`, expires_after_secs: MEDIA_EXPIRES_AFTER_SECS } });
  });

  app.post("/2/media/upload/:id/append", async (c) => {
    const upload = uploads.get(c.req.param("id"));
    if (upload === undefined || upload.finalized) return fail(c, problem.notFound());
    const boundary = boundaryOf(c.req.header("content-type"));
    const parts =
      boundary === undefined ? [] : parseMultipart(Buffer.from(await c.req.arrayBuffer()), boundary);
    const segment = Number(parts.find((part) => part.name === "segment_index")?.data.toString("utf8"));
    const chunk = parts.find((part) => part.name === "media");
    if (!Number.isInteger(segment) || segment < 0 || chunk === undefined) {
      return fail(
        c,
        problem.invalidRequest("media", [], "segment_index and media are required (multipart)."),
      );
    }
    upload.segments.set(segment, chunk.data.length);
    return c.json({ data: { expires_at: Math.ceil(upload.expiresAt / 1000) } });
  });

  app.post("/2/media/upload/:id/finalize", async (c) => {
    const upload = uploads.get(c.req.param("id"));
    if (upload === undefined) return fail(c, problem.notFound());
    const received = [...upload.segments.values()].reduce((sum, size) => sum + size, 0);
    if (received !== upload.totalBytes) {
      return fail(
        c,
        problem.invalidRequest("total_bytes", [String(received)], "Segments do not add up to total_bytes."),
      );
    }
    upload.finalized = true;
    // No processing_info for images: twitter-api-v2 then skips the STATUS polling.
    return c.json({
      data: {
        id: upload.id,
        media_key: `3_${upload.id}`,
        size: upload.totalBytes,
        expires_after_secs: Math.max(0, Math.floor((upload.expiresAt - clock()) / 1000)),
      },
    });
  });

  app.get("/2/media/upload", (c) => {
    const upload = uploads.get(c.req.query("media_id") ?? "");
    if (upload === undefined) return fail(c, problem.notFound());
    return c.json({
      data: { id: upload.id, media_key: `3_${upload.id}`, processing_info: { state: "succeeded" } },
    });
  });

  app.get("/2/users/me", (c) =>
    c.json({ data: { id: "1900000000000000001", name: "Sada Sandbox", username: options.username } }),
  );

  app.notFound((c) => fail(c, problem.notFound()));

  return {
    app,
    options,
    reset() {
      tweets.reset();
      media.reset();
      uploads.clear();
    },
  };
}

async function readJson(c: XContext): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await c.req.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `media.media_ids`: [] when absent, null when malformed. */
function readMediaIds(media: unknown): string[] | null {
  if (media === undefined) return [];
  if (typeof media !== "object" || media === null) return null;
  const ids = (media as { media_ids?: unknown }).media_ids;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string")) return null;
  return ids;
}

/** `reply.in_reply_to_tweet_id`: undefined when absent, null when malformed. */
function readReplyTo(reply: unknown): string | undefined | null {
  if (reply === undefined) return undefined;
  if (typeof reply !== "object" || reply === null) return null;
  const id = (reply as { in_reply_to_tweet_id?: unknown }).in_reply_to_tweet_id;
  return typeof id === "string" && id !== "" ? id : null;
}
