/** The platforms the sandbox stands in for. */
export const SANDBOX_PLATFORMS = ["twitter", "telegram", "facebook"] as const;

export type SandboxPlatform = (typeof SANDBOX_PLATFORMS)[number];

/** What kind of object a stand-in accepted. */
export type SandboxPostKind = "tweet" | "message" | "photo" | "feed";

/**
 * One thing a stand-in accepted, as the platform would keep it. `id` is the platform's own id
 * (tweet id, `<chat>:<message_id>` for Telegram, `<page>_<post>` for Facebook).
 */
export interface SandboxPost {
  platform: SandboxPlatform;
  kind: SandboxPostKind;
  id: string;
  /** Where it went: the X account, the Telegram chat id, the Facebook Page id. */
  target: string;
  /** A human name for the target: `@sada_sandbox`, a subscriber's name, the Page's name. */
  targetName?: string | undefined;
  /** Telegram chat type (channel, private, group, supergroup). */
  targetType?: string | undefined;
  /** Text, caption or message exactly as received (Telegram HTML still marked up). */
  text: string;
  /** Telegram `parse_mode` as received. */
  parseMode?: string | undefined;
  /** X media ids or a Telegram / Facebook photo URL. */
  media?: string[] | undefined;
  link?: string | undefined;
  replyTo?: string | undefined;
  /** Telegram inline keyboard as received. */
  replyMarkup?: unknown;
  /** Telegram message id inside its chat. */
  messageId?: number | undefined;
  /** Facebook: `published=false` posts, with their scheduled time (ISO). */
  published?: boolean | undefined;
  scheduledFor?: string | undefined;
  createdAt: string;
  editedAt?: string | undefined;
}
