import { Hono } from "hono";
import type { SandboxState } from "../state/state.js";
import { SANDBOX_PLATFORMS, type SandboxPlatform } from "../types.js";
import { SandboxPage } from "./page.js";

/** The most posts one page or one API answer shows. */
export const VIEWER_MAX_POSTS = 500;
const DEFAULT_API_LIMIT = 100;

const isPlatform = (value: string): value is SandboxPlatform =>
  (SANDBOX_PLATFORMS as readonly string[]).includes(value);

/**
 * `GET /sandbox` (HTML, newest first, grouped per channel) and `GET /api/sandbox/posts` (JSON).
 * Mount at the root: `app.route("/", createSandboxRoutes(state))`; `/api/*` auth is the main
 * app's middleware. Reads only; works in the API process against the Redis state.
 */
export function createSandboxRoutes(state: SandboxState): Hono {
  const app = new Hono();

  app.get("/sandbox", async (c) => {
    const posts = await state.posts({ limit: VIEWER_MAX_POSTS });
    c.header("Cache-Control", "no-store");
    return c.html(`<!doctype html>${(<SandboxPage posts={posts} />).toString()}`);
  });

  app.get("/api/sandbox/posts", async (c) => {
    const platform = c.req.query("platform");
    const limitText = c.req.query("limit");
    const limit = limitText === undefined ? DEFAULT_API_LIMIT : Number(limitText);
    const details = [];
    if (platform !== undefined && !isPlatform(platform)) {
      details.push({ path: "platform", message: `must be one of ${SANDBOX_PLATFORMS.join(", ")}` });
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > VIEWER_MAX_POSTS) {
      details.push({ path: "limit", message: `must be an integer from 1 to ${VIEWER_MAX_POSTS}` });
    }
    if (details.length > 0) {
      return c.json(
        // Same answer as every other bad query string in the API.
        { error: { code: "invalid_query", message: "The query is invalid.", details } },
        400,
      );
    }
    const posts = await state.posts({
      limit,
      ...(platform !== undefined && isPlatform(platform) ? { platform } : {}),
    });
    return c.json({ posts });
  });

  return app;
}
