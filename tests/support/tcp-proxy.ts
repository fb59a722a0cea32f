import net from "node:net";

/**
 * A TCP proxy that can cut the line: `down()` drops every open connection and refuses new ones
 * until `up()`. Stands between a client and a real server to make the network fail on cue.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let accepting = true;
  let refused = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    if (!accepting) {
      refused++;
      return inbound.destroy();
    }
    const outbound = net.connect(target.port, target.host);
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on("close", () => outbound.destroy());
    outbound.on("close", () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Connections through the proxy right now (both sides counted once). */
    connections: () => open.size / 2,
    /** Connection attempts turned away while down. */
    refused: () => refused,
    down: () => {
      accepting = false;
      for (const s of open) s.destroy();
    },
    up: () => {
      accepting = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
