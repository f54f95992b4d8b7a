import type { FC } from "hono/jsx";
import type { SandboxPost } from "../types.js";
import { renderTelegramHtml } from "./telegram-render.js";

const PLATFORM_NAMES: Record<SandboxPost["platform"], string> = {
  twitter: "X",
  telegram: "Telegram",
  facebook: "Facebook",
};

const STYLE = `
body { font-family: system-ui, "Noto Naskh Arabic", "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: #1b1d21; }
header { background: #1b1d21; color: #fff; padding: 1rem 1.5rem; }
header small { opacity: .7; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
section { margin-bottom: 2rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
article { background: #fff; border-radius: .5rem; padding: .75rem 1rem; margin: .5rem 0; box-shadow: 0 1px 2px #0002; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; }
.meta { font-size: .8rem; color: #666; margin-top: .5rem; display: flex; gap: .75rem; flex-wrap: wrap; }
.badge { background: #eef; border-radius: .25rem; padding: 0 .35rem; }
.spoiler { background: #999; color: transparent; border-radius: .2rem; }
.spoiler:hover { color: inherit; background: #eee; }
blockquote { border-inline-start: 3px solid #7aa; margin: .25rem 0; padding-inline-start: .5rem; }
.keyboard { display: flex; flex-direction: column; gap: .25rem; margin-top: .5rem; }
.keyboard div { display: flex; gap: .25rem; }
.keyboard span { flex: 1; text-align: center; background: #e8eef6; border-radius: .3rem; padding: .25rem; font-size: .9rem; }
.empty { color: #666; }
`;

/** A section per place a reader would look: the X account, each Telegram chat, the Page. */
export function groupPosts(posts: SandboxPost[]): { title: string; posts: SandboxPost[] }[] {
  const groups = new Map<string, { title: string; posts: SandboxPost[] }>();
  for (const post of posts) {
    const privateChat = post.platform === "telegram" && post.targetType === "private";
    const key = privateChat ? "telegram:bot" : `${post.platform}:${post.target}`;
    const title = privateChat
      ? "Telegram bot — private chats"
      : `${PLATFORM_NAMES[post.platform]} — ${post.targetName ?? post.target}`;
    const group = groups.get(key) ?? { title, posts: [] };
    group.posts.push(post);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const Keyboard: FC<{ markup: unknown }> = ({ markup }) => {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return null;
  return (
    <div class="keyboard">
      {rows.map((row) => (
        <div>
          {(Array.isArray(row) ? row : []).map((button) => (
            <span dir="auto">{String((button as { text?: unknown }).text ?? "")}</span>
          ))}
        </div>
      ))}
    </div>
  );
};

const Post: FC<{ post: SandboxPost }> = ({ post }) => {
  const html = post.platform === "telegram" && post.parseMode === "HTML";
  return (
    <article dir="auto">
      {html ? (
        <div class="text" dir="auto" dangerouslySetInnerHTML={{ __html: renderTelegramHtml(post.text) }} />
      ) : (
        <div class="text" dir="auto">
          {post.text}
        </div>
      )}
      {post.link === undefined ? null : (
        <div class="meta">
          <a href={/^https?:/u.test(post.link) ? post.link : "#"} rel="noopener noreferrer nofollow">
            {post.link}
          </a>
        </div>
      )}
      <Keyboard markup={post.replyMarkup} />
      <div class="meta" dir="ltr">
        <time datetime={post.createdAt}>{post.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
        <span>{post.kind}</span>
        <span>id {post.id}</span>
        {post.targetType === "private" ? <span>to {post.targetName}</span> : null}
        {post.replyTo === undefined ? null : <span class="badge">reply to {post.replyTo}</span>}
        {post.media === undefined ? null : <span class="badge">media: {post.media.join(", ")}</span>}
        {post.editedAt === undefined ? null : <span class="badge">edited</span>}
        {post.published === false ? (
          <span class="badge">
            unpublished{post.scheduledFor === undefined ? "" : `, scheduled ${post.scheduledFor}`}
          </span>
        ) : null}
      </div>
    </article>
  );
};

export const SandboxPage: FC<{ posts: SandboxPost[] }> = ({ posts }) => (
  <html lang="ar">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Sada sandbox — what was posted</title>
      {/* Our own constant CSS: as text it would be entity-escaped, which <style> does not decode. */}
      <style dangerouslySetInnerHTML={{ __html: STYLE }} />
    </head>
    <body>
      <header>
        <strong>صدى · Sada sandbox</strong>{" "}
        <small>local stand-ins: nothing here reached X, Telegram or Facebook</small>
      </header>
      <main>
        {posts.length === 0 ? <p class="empty">Nothing was posted to the sandbox yet.</p> : null}
        {groupPosts(posts).map((group) => (
          <section>
            <h2 dir="auto">{group.title}</h2>
            {group.posts.map((post) => (
              <Post post={post} />
            ))}
          </section>
        ))}
      </main>
    </body>
  </html>
);
