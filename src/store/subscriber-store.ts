import type { Redis } from "ioredis";

/**
 * The bot's subscribers, in Redis. A subscriber is a chat (usually a private chat with a reader,
 * sometimes a group) with a language, the topics it follows (empty = everything) and a status.
 *
 * Keys (under `{prefix}bot:`):
 * - `sub:{chatId}`      JSON of the subscriber (the record; compare-and-set on it)
 * - `active`            set of active chat ids
 * - `everything`        set of active chat ids following every topic
 * - `topic:{topic}`     set of active chat ids following that topic
 * - `topics`            set of every topic name ever followed (for counts)
 * An article with tags T goes to `everything ∪ topic:t for t in T` (one SUNIONSTORE).
 */
export type SubscriberStatus = "active" | "stopped" | "blocked";

export interface Subscriber {
  chatId: string;
  /** Language of the bot's answers: `ar` (default) or `en`. */
  lang: string;
  /** Normalised topics; empty = every article. */
  topics: string[];
  status: SubscriberStatus;
  subscribedAt: string;
  updatedAt: string;
}

export interface SubscriberStore {
  get(chatId: string): Promise<Subscriber | null>;
  /** Creates or reactivates; a new subscriber follows everything, a returning one keeps its topics. */
  subscribe(chatId: string, lang: string): Promise<Subscriber>;
  /** `/stop` (stopped) or Telegram said the chat is gone (blocked). Null when unknown. */
  setStatus(chatId: string, status: Exclude<SubscriberStatus, "active">): Promise<Subscriber | null>;
  /** Adds the topic when absent, removes it when present. Null when unknown. */
  toggleTopic(chatId: string, topic: string): Promise<Subscriber | null>;
  /** Follow everything again. */
  clearTopics(chatId: string): Promise<Subscriber | null>;
  /** A group became a supergroup: the subscription moves to the new chat id. */
  migrate(fromChatId: string, toChatId: string): Promise<Subscriber | null>;
  /** Stores into `destination` the active chat ids an article with `tags` goes to; returns how many. */
  storeMatching(destination: string, tags: readonly string[]): Promise<number>;
  countActive(): Promise<number>;
  /** Active subscribers per followed topic, plus `everything` for those without topics. */
  countByTopic(): Promise<{ everything: number; topics: Record<string, number> }>;
}

/** Tags and topics compare case-folded with collapsed whitespace: «الاقتصاد» = « الاقتصاد ». */
export function normalizeTopic(tag: string): string {
  return tag.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("und");
}

/**
 * Writes a subscriber if its JSON is still what was read, and moves it between index sets.
 * KEYS: record, then `removeCount` sets to leave, then sets to join.
 * ARGV: old json ('' = absent), new json ('' = delete), removeCount, topics-set key, topics to register….
 */
const WRITE_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
local removeCount = tonumber(ARGV[3])
local member = ARGV[5]
for i = 2, removeCount + 1 do redis.call('SREM', KEYS[i], member) end
for i = removeCount + 2, #KEYS do redis.call('SADD', KEYS[i], member) end
for i = 6, #ARGV do redis.call('SADD', ARGV[4], ARGV[i]) end
return 1
`;

const MAX_CAS_RETRIES = 20;

export function createSubscriberStore(redis: Redis, prefix: string): SubscriberStore {
  const base = `${prefix}bot:`;
  const keys = {
    record: (chatId: string) => `${base}sub:${chatId}`,
    active: `${base}active`,
    everything: `${base}everything`,
    topic: (topic: string) => `${base}topic:${topic}`,
    topics: `${base}topics`,
  };

  /** The index sets a subscriber belongs to. */
  const indexes = (subscriber: Subscriber | null): string[] => {
    if (subscriber === null || subscriber.status !== "active") return [];
    const sets = [keys.active];
    if (subscriber.topics.length === 0) sets.push(keys.everything);
    else sets.push(...subscriber.topics.map(keys.topic));
    return sets;
  };

  const read = async (chatId: string): Promise<{ raw: string | null; value: Subscriber | null }> => {
    const raw = await redis.get(keys.record(chatId));
    return { raw, value: raw === null ? null : (JSON.parse(raw) as Subscriber) };
  };

  /** Compare-and-set write of one record; `change` returns undefined to leave it as it is. */
  async function change(
    chatId: string,
    next: (current: Subscriber | null) => Subscriber | null | undefined,
  ): Promise<Subscriber | null> {
    for (let attempt = 0; attempt < MAX_CAS_RETRIES; attempt++) {
      const { raw, value } = await read(chatId);
      const updated = next(value);
      if (updated === undefined) return value;
      const before = new Set(indexes(value));
      const after = new Set(indexes(updated));
      const leave = [...before].filter((key) => !after.has(key));
      const join = [...after].filter((key) => !before.has(key));
      const written = await redis.eval(
        WRITE_SCRIPT,
        1 + leave.length + join.length,
        keys.record(chatId),
        ...leave,
        ...join,
        raw ?? "",
        updated === null ? "" : JSON.stringify(updated),
        String(leave.length),
        keys.topics,
        chatId,
        ...(updated?.topics ?? []),
      );
      if (written === 1) return updated;
    }
    throw new Error(`subscriber ${chatId} kept changing; gave up after ${MAX_CAS_RETRIES} tries`);
  }

  const now = () => new Date().toISOString();

  return {
    get: async (chatId) => (await read(chatId)).value,

    subscribe: async (chatId, lang) =>
      (await change(chatId, (current) => {
        const at = now();
        if (current === null) {
          return { chatId, lang, topics: [], status: "active", subscribedAt: at, updatedAt: at };
        }
        if (current.status === "active" && current.lang === lang) return undefined;
        const subscribedAt = current.status === "active" ? current.subscribedAt : at;
        return { ...current, lang, status: "active", subscribedAt, updatedAt: at };
      })) as Subscriber,

    setStatus: (chatId, status) =>
      change(chatId, (current) =>
        current === null || current.status === status ? undefined : { ...current, status, updatedAt: now() },
      ),

    toggleTopic: (chatId, topic) => {
      const normalized = normalizeTopic(topic);
      return change(chatId, (current) => {
        if (current === null || normalized === "") return undefined;
        const topics = current.topics.includes(normalized)
          ? current.topics.filter((item) => item !== normalized)
          : [...current.topics, normalized].sort();
        return { ...current, topics, updatedAt: now() };
      });
    },

    clearTopics: (chatId) =>
      change(chatId, (current) =>
        current === null || current.topics.length === 0
          ? undefined
          : { ...current, topics: [], updatedAt: now() },
      ),

    async migrate(fromChatId, toChatId) {
      const old = await this.get(fromChatId);
      if (old === null) return null;
      const moved = await change(toChatId, (current) =>
        current !== null ? undefined : { ...old, chatId: toChatId, updatedAt: now() },
      );
      await change(fromChatId, (current) => (current === null ? undefined : null));
      return moved;
    },

    async storeMatching(destination, tags) {
      const topics = [...new Set(tags.map(normalizeTopic).filter((tag) => tag !== ""))];
      return redis.sunionstore(destination, keys.everything, ...topics.map(keys.topic));
    },

    countActive: () => redis.scard(keys.active),

    async countByTopic() {
      const names = await redis.smembers(keys.topics);
      const pipeline = redis.pipeline().scard(keys.everything);
      for (const name of names) pipeline.scard(keys.topic(name));
      const results = (await pipeline.exec()) ?? [];
      const count = (index: number) => Number(results[index]?.[1] ?? 0);
      const topics: Record<string, number> = {};
      names.forEach((name, index) => {
        const n = count(index + 1);
        if (n > 0) topics[name] = n;
      });
      return { everything: count(0), topics };
    },
  };
}
