/**
 * A TCP forwarder on loopback that counts every byte it passes, both directions, so a benchmark can
 * put it between the SSH client and sshd and read the bytes on the wire (SSH packets, TCP payload;
 * no TCP/IP headers). Used only against 127.0.0.0/8.
 */
import net from "node:net";

export interface ByteCountingForwarder {
  address: string;
  port: number;
  /** Bytes passed so far: client to server, server to client. */
  counts(): { up: number; down: number };
  close(): Promise<void>;
}

export async function startByteCountingForwarder(
  listen: { address: string },
  target: { address: string; port: number },
): Promise<ByteCountingForwarder> {
  let up = 0;
  let down = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.address);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      // Either side failing ends the pair; the SSH client sees a dropped connection.
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (chunk: Buffer) => (up += chunk.length));
    upstream.on("data", (chunk: Buffer) => (down += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, listen.address, resolve);
  });
  const bound = server.address();
  if (typeof bound !== "object" || !bound) throw new Error("forwarder has no address");
  return {
    address: listen.address,
    port: bound.port,
    counts: () => ({ up, down }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
