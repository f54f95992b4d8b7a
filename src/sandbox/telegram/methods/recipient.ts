import { badRequest, chatNotFound, forbidden, migrated } from "../errors.js";
import type { SandboxChat, World } from "../world.js";

/**
 * The chat a send goes to, or the error Telegram answers for it (platforms.md, "Per-subscriber
 * errors": these end a subscription; an upgraded group carries `migrate_to_chat_id`).
 */
export function recipient(world: World, chatId: unknown): SandboxChat {
  if (chatId === undefined || chatId === "") throw badRequest("chat_id is empty");
  const chat = world.resolve(chatId);
  if (chat === undefined) throw chatNotFound();
  if (chat.migratedTo !== undefined) throw migrated(chat.migratedTo);
  if (chat.type === "private") {
    if (chat.deactivated) throw forbidden("user is deactivated");
    if (chat.blocked) throw forbidden("bot was blocked by the user");
    if (!chat.started) throw forbidden("bot can't initiate conversation with a user");
  }
  if (chat.kicked) {
    throw forbidden(
      chat.type === "supergroup"
        ? "bot was kicked from the supergroup chat"
        : "bot was kicked from the group chat",
    );
  }
  return chat;
}
