import http from "node:http";
import type net from "node:net";

/**
 * A pass-through HTTP proxy in front of a realtime node that counts what reaches it: how many
 * requests the origin really serves behind nginx (tests and `npm run bench:viewers`).
 */
export async function startOriginCounter(options: { target: number }) {
  const counts = { playlists: 0, segments: 0, auth: 0, other: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/media-auth")) counts.auth++;
    else if (/\.m3u8(\?|$)/.test(url)) counts.playlists++;
    else if (/\.(ts|m4s)(\?|$)/.test(url)) counts.segments++;
    else counts.other++;
    const upstream = http.request(
      { host: "127.0.0.1", port: options.target, method: req.method, path: url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    counts,
    total: () => counts.playlists + counts.segments + counts.auth + counts.other,
    reset: () => Object.assign(counts, { playlists: 0, segments: 0, auth: 0, other: 0 }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
