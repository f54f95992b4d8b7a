import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getRequestListener, type HttpBindings } from "@hono/node-server";
import type { Context } from "hono";

/** Every stand-in binds here only: it plays a platform for this machine, never for a network. */
export const SANDBOX_HOST = "127.0.0.1";

/** How long `close()` waits for open requests before cutting their connections. */
export const CLOSE_GRACE_MS = 1_000;

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** The env a stand-in's Hono app sees when served by `listen` (node's request and response). */
export type SandboxEnv = { Bindings: HttpBindings };

/** Serves `fetch` on 127.0.0.1, on `port` or (0, the default) a port the OS picks and we read back. */
export async function listen(
  fetch: Parameters<typeof getRequestListener>[0],
  port = 0,
): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(getRequestListener(fetch));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, SANDBOX_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${SANDBOX_HOST}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets (telegraf keeps them) would hold close() open forever.
        server.closeIdleConnections();
        const timer = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, CLOSE_GRACE_MS);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * Destroys the client's connection without answering: the `accept-then-drop` fault. The caller
 * has recorded the post already, so the client sees a network error for a post that exists.
 * Outside a node server (app.request() in unit tests) it answers a bare 599 instead.
 */
export function dropConnection(c: Context<SandboxEnv>): Response {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  incoming?.socket.destroy();
  return new Response(null, { status: 599 });
}

/** Waits `ms` (the latency fault); bounded by the caller's own numbers. */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
