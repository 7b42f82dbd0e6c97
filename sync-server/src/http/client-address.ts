// The address a request comes from, for per-address budgets and logs. Behind
// a reverse proxy every request comes from the proxy, so with TRUST_PROXY=1
// the relay takes the last hop of X-Forwarded-For: the address the proxy
// itself saw. Earlier hops are written by the client and are not believed.
// Off by default: a relay reachable directly would let anyone pick an address.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string | undefined {
  const socketAddress = request.socket.remoteAddress;
  if (!trustProxy) return socketAddress;
  const header = request.headers["x-forwarded-for"];
  const lastHop = (Array.isArray(header) ? header.at(-1) : header)?.split(",").at(-1)?.trim();
  return lastHop && isIP(lastHop) ? lastHop : socketAddress;
}
