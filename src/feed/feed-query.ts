import { z } from "zod";
import { parseOr400 } from "../api/validate.js";
import { cleanLine } from "../format/clean.js";

/** Article tags are 1–60 characters (contract), so a longer `?tag=` can match nothing. */
export const TAG_MAX_LENGTH = 60;

const feedQuerySchema = z.object({
  tag: z
    .array(
      z
        .string()
        .transform(cleanLine)
        .pipe(
          z
            .string()
            .min(1, "must not be empty")
            .max(TAG_MAX_LENGTH, `must be at most ${TAG_MAX_LENGTH} characters`),
        ),
    )
    .max(1, "must be given at most once")
    .optional(),
});

/**
 * `?tag=` at most once, non-empty after cleaning. Other parameters are ignored rather than
 * refused: sharing tools append `utm_*` and the like to feed URLs.
 */
export function parseFeedQuery(tags: string[] | undefined): { tag: string | null } {
  const { tag } = parseOr400(feedQuerySchema, { tag: tags }, "feed query");
  return { tag: tag?.[0] ?? null };
}
