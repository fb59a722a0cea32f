import net from "node:net";

/**
 * TCP ports nobody listens on right now, all different: the OS picks each (listen on 0), we read
 * them and let go. For tests and launchers that must not assume 3000, 3100 or 1935 are theirs.
 */
export async function freePorts(count: number): Promise<number[]> {
  const probes = Array.from({ length: count }, () => net.createServer());
  try {
    // Held open together, so the OS cannot hand out the same port twice.
    return await Promise.all(
      probes.map(
        (probe) =>
          new Promise<number>((resolve, reject) => {
            probe.once("error", reject);
            // Every interface: a port free only on loopback is not free for a server on 0.0.0.0.
            probe.listen(0, () => resolve((probe.address() as net.AddressInfo).port));
          }),
      ),
    );
  } finally {
    await Promise.all(probes.map((probe) => new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve()))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}
