import { z } from "zod";
import { SANDBOX_PLATFORMS, type SandboxPost } from "../types.js";

/** Reads back a stored post; anything that does not fit is skipped rather than trusted. */
export const sandboxPostSchema = z.object({
  platform: z.enum(SANDBOX_PLATFORMS),
  kind: z.enum(["tweet", "message", "photo", "feed"]),
  id: z.string(),
  target: z.string(),
  targetName: z.string().optional(),
  targetType: z.string().optional(),
  text: z.string(),
  parseMode: z.string().optional(),
  media: z.array(z.string()).optional(),
  link: z.string().optional(),
  replyTo: z.string().optional(),
  replyMarkup: z.unknown().optional(),
  messageId: z.number().optional(),
  published: z.boolean().optional(),
  scheduledFor: z.string().optional(),
  createdAt: z.string(),
  editedAt: z.string().optional(),
}) satisfies z.ZodType<SandboxPost>;

export function parseStoredPost(json: string | null | undefined): SandboxPost | undefined {
  if (json === null || json === undefined) return undefined;
  try {
    const result = sandboxPostSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
