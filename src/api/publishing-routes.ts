import { Hono } from "hono";
import { z } from "zod";
import { CHANNEL_IDS } from "../domain/channel.js";
import { notFound } from "../domain/errors.js";
import type { PublishService } from "../publishing/publish-service.js";
import type { AppEnv } from "./app-env.js";
import { readJsonObject } from "./read-body.js";
import { parseOr422 } from "./validate.js";

const channelSchema = z.enum(CHANNEL_IDS, { error: `must be one of ${CHANNEL_IDS.join(", ")}` });

const publishSchema = z.strictObject({
  channels: z
    .array(channelSchema)
    .min(1, "must name at least one channel")
    .max(CHANNEL_IDS.length * 2)
    .optional(),
  at: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-12-01T09:00:00Z" })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() < Date.now() + 366 * 24 * 3600 * 1000, "must be within a year")
    .optional(),
});

/** Publishing routes, mounted under `/api/articles` next to the article routes. */
export function publishingRoutes(service: PublishService) {
  const app = new Hono<AppEnv>();

  app.post("/:id/publish", async (c) => {
    const body = parseOr422(publishSchema, await readJsonObject(c, { optional: true }), "publish request");
    const deliveries = await service.publish(c.req.param("id"), body, c.get("actor"));
    c.get("logger").info(
      { articleId: c.req.param("id"), actor: c.get("actor"), channels: body.channels },
      "publish",
    );
    return c.json({ deliveries }, 202);
  });

  app.delete("/:id/publish", async (c) => {
    const deliveries = await service.cancel(c.req.param("id"), c.get("actor"));
    c.get("logger").info({ articleId: c.req.param("id"), actor: c.get("actor") }, "publish cancelled");
    return c.json({ deliveries }, 200);
  });

  // Extension: take the article out of the feed and off its public page (see README).
  app.post("/:id/unpublish", async (c) => {
    const deliveries = await service.unpublish(c.req.param("id"), c.get("actor"));
    c.get("logger").info({ articleId: c.req.param("id"), actor: c.get("actor") }, "unpublished");
    return c.json({ deliveries }, 200);
  });

  app.get("/:id/deliveries", async (c) => {
    return c.json({ deliveries: await service.list(c.req.param("id")) });
  });

  app.post("/:id/deliveries/:channel/retry", async (c) => {
    const channel = channelSchema.safeParse(c.req.param("channel"));
    if (!channel.success) throw notFound(`Channel ${c.req.param("channel")}`);
    const delivery = await service.retry(c.req.param("id"), channel.data, c.get("actor"));
    c.get("logger").info(
      { articleId: c.req.param("id"), channel: channel.data, actor: c.get("actor") },
      "retry",
    );
    return c.json({ deliveries: [delivery] }, 202);
  });

  return app;
}
