import { type IClientSettings, TwitterApi } from "twitter-api-v2";
import type { ChannelMode } from "../../domain/channel.js";
import { sandboxTwitterSettings } from "../../sandbox/twitter/plugin.js";
import { type Channel, ChannelError, type SendContext, type SendResult } from "../channel.js";
import { fetchImage } from "../fetch-image.js";
import { withTimeout } from "../with-timeout.js";
import { classifyTwitterError } from "./classify-twitter-error.js";

export interface TwitterChannelDeps {
  mode: ChannelMode;
  credentials: { appKey: string; appSecret: string; accessToken: string; accessSecret: string };
  /** Origin of every X call (`TWITTER_API_URL` or the sandbox). */
  apiUrl: string;
  /** The account's handle, for post URLs. */
  username?: string;
}

const REAL_ORIGIN = "https://api.x.com";

/**
 * X: a post or a thread (a chain of replies). Each posted id is saved before the next post, so a
 * re-run resumes after the last one instead of posting the thread again. X refuses an exact
 * duplicate, so re-sending after an unknown outcome is safe: the refusal means "posted".
 */
export function createTwitterChannel(deps: TwitterChannelDeps): Channel {
  // No base-URL option exists; the plugin rewrites the origin after signing (platforms.md).
  const settings: Partial<IClientSettings> =
    deps.apiUrl === REAL_ORIGIN ? {} : sandboxTwitterSettings(deps.apiUrl);
  const client = new TwitterApi(deps.credentials, settings).readWrite;
  const postUrl = (id: string) => `https://x.com/${deps.username ?? "i"}/status/${id}`;

  async function uploadImage(imageUrl: string | null): Promise<string[] | undefined> {
    if (imageUrl === null) return undefined;
    const image = await fetchImage(imageUrl);
    if (image === null) return undefined;
    try {
      return [
        await withTimeout(client.v2.uploadMedia(image.bytes, { media_type: image.type }), "X media upload"),
      ];
    } catch {
      // A failed upload must not stop the post: the link card still shows the article's image.
      return undefined;
    }
  }

  async function send({ preview, article, progress, saveProgress }: SendContext): Promise<SendResult> {
    const posts = preview.twitter.posts;
    const postedIds = [...progress.postedIds];
    let alreadyPosted = false;
    for (let index = postedIds.length; index < posts.length; index++) {
      const post = posts[index];
      if (post === undefined) break;
      const previous = postedIds.at(-1);
      const media = index === 0 ? await uploadImage(article.imageUrl) : undefined;
      try {
        const { data } = await withTimeout(
          client.v2.tweet(post.text, {
            ...(previous === undefined ? {} : { reply: { in_reply_to_tweet_id: previous } }),
            ...(media === undefined ? {} : { media: { media_ids: media as [string] } }),
          }),
          "X",
        );
        postedIds.push(data.id);
        await saveProgress({ postedIds });
      } catch (error) {
        const classified = classifyTwitterError(error);
        if (classified.kind !== "duplicate") throw classified;
        // Already on X (an earlier attempt's answer was lost). A thread cannot go on without
        // that post's id, so only a single post (or the last one) can count as done.
        if (index < posts.length - 1) {
          throw new ChannelError(
            "rejected",
            "thread_interrupted",
            `Post ${index + 1} of the thread is already on X but its id was lost; finish the thread by hand.`,
          );
        }
        alreadyPosted = true;
      }
    }
    const first = postedIds[0];
    return {
      ...(first === undefined ? {} : { remoteId: first, remoteUrl: postUrl(first) }),
      ...(alreadyPosted ? { alreadyPosted } : {}),
    };
  }

  return { id: "twitter", mode: deps.mode, resendSafe: true, send };
}
