import { badRequest } from "../errors.js";
import { TELEGRAM_MAX_UPDATES } from "../options.js";
import { booleanParam, numberParam, stringParam } from "../params.js";
import type { MethodHandler } from "./context.js";

/** Telegram's rule for `secret_token` (platforms.md, "Webhook"). */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/u;

export const getUpdates: MethodHandler = (context, params) => {
  const timeout = numberParam(params, "timeout") ?? 0;
  return context.updates.poll(
    numberParam(params, "offset"),
    numberParam(params, "limit") ?? TELEGRAM_MAX_UPDATES,
    Math.max(0, timeout),
  );
};

/**
 * Telegram requires an https URL; the sandbox also takes http, because what it calls is Sada's
 * own local server (`PUBLIC_URL/telegram/webhook`).
 */
export const setWebhook: MethodHandler = (context, params) => {
  const url = stringParam(params, "url") ?? "";
  if (url === "") {
    context.updates.deleteWebhook(booleanParam(params, "drop_pending_updates") === true);
    return true;
  }
  if (!/^https?:\/\/[^\s/]+/u.test(url))
    throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
  const secretToken = stringParam(params, "secret_token");
  if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
    throw badRequest("bad webhook: secret token contains unallowed characters");
  }
  if (booleanParam(params, "drop_pending_updates") === true) context.updates.deleteWebhook(true);
  const allowed = params.allowed_updates;
  context.updates.setWebhook({
    url,
    secretToken,
    allowedUpdates: Array.isArray(allowed)
      ? allowed.filter((item): item is string => typeof item === "string")
      : undefined,
  });
  return true;
};

export const deleteWebhook: MethodHandler = (context, params) => {
  context.updates.deleteWebhook(booleanParam(params, "drop_pending_updates") === true);
  return true;
};

export const getWebhookInfo: MethodHandler = (context) => {
  const webhook = context.updates.webhook();
  return {
    url: webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: context.updates.pending().length,
    ...(webhook?.lastErrorDate === undefined ? {} : { last_error_date: webhook.lastErrorDate }),
    ...(webhook?.lastErrorMessage === undefined ? {} : { last_error_message: webhook.lastErrorMessage }),
    ...(webhook === undefined ? {} : { max_connections: 40 }),
    ...(webhook?.allowedUpdates === undefined ? {} : { allowed_updates: webhook.allowedUpdates }),
  };
};
