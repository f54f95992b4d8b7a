import type { PublicationIndex } from "../../store/publication-index.js";
import type { Channel, SendContext, SendResult } from "../channel.js";

/**
 * RSS is Sada's own feed: "posting" puts the article into the feed index (idempotent, so
 * resend-safe). The feed itself renders from the store at request time.
 */
export function createRssChannel(deps: { publication: PublicationIndex; publicUrl: string }): Channel {
  async function send({ article }: SendContext): Promise<SendResult> {
    await deps.publication.addToFeed(article.id, Date.now());
    return { remoteId: article.id, remoteUrl: `${deps.publicUrl}/feed.xml` };
  }
  return { id: "rss", mode: "live", resendSafe: true, send };
}
