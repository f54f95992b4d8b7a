import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../../src/logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

const TOKEN = "123456789:AAHk3yOtHeRbOtToKeN_abcdefghijklmn";

describe("secrets never reach a log line", () => {
  it.each([
    [`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed`, "bot[redacted]"],
    ["POST /v26.0/1/feed?access_token=EAAGm0PX4ZCpsBAKZA&x=1", "access_token=[redacted]"],
    [
      'OAuth oauth_consumer_key="ck", oauth_token="tok-123", oauth_signature="sig%3D"',
      "oauth_token=[redacted]",
    ],
    ["Authorization: Bearer sada_abcdefghijklmnop", "Bearer [redacted]"],
  ])("scrubs %s", (text, expected) => {
    const clean = scrubSecrets(text);
    expect(clean).toContain(expected);
    expect(clean).not.toMatch(/AAHk3y|EAAGm0|tok-123|sada_abcdefghijklmnop/u);
  });

  it("scrubs configured secrets and secret-shaped text in messages, fields and errors", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { secrets: ["my-webhook-secret-value"], destination });
    logger.info({ detail: "header was my-webhook-secret-value" }, `fetch bot${TOKEN}/sendMessage`);
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${TOKEN}/x failed`) }, "boom");
    logger.info({ token: "plain-field" }, "redacted field");
    const output = lines.join("");
    expect(output).not.toContain("my-webhook-secret-value");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain("plain-field");
    expect(output).toContain("[redacted]");
  });
});
