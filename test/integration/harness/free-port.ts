/** A TCP port free on `address` right now (the kernel picks it; the caller binds it next). */
import net from "node:net";

export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, address, () => {
      const bound = server.address();
      server.close(() =>
        typeof bound === "object" && bound ? resolve(bound.port) : reject(new Error("no port")),
      );
    });
  });
}
