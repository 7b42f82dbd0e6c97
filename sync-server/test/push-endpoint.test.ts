// The check on push subscriptions (src/push/push-endpoint.ts): the relay will
// call the endpoint, so only https addresses at the allowed push services'
// hosts pass, whatever else an attacker writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PUSH_SERVICE_HOSTS, checkSubscription, parseServiceHosts } from "../src/push/push-endpoint.ts";

const KEYS = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"), auth: Buffer.alloc(16, 1).toString("base64url") };
const hosts = [...DEFAULT_PUSH_SERVICE_HOSTS, "127.0.0.1:8443"];

function hostOf(result: ReturnType<typeof checkSubscription>): string | null {
  return typeof result === "string" ? null : new URL(result.endpoint).host;
}

describe("push endpoints", () => {
  it("accepts the push services' own endpoints", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://web.push.apple.com/QGx",
      "https://wns2-by3p.notify.windows.com/w/?token=x",
      "https://127.0.0.1:8443/wake/1",
    ]) {
      expect(checkSubscription({ endpoint, keys: KEYS }, hosts)).toEqual({ endpoint, keys: KEYS });
    }
  });

  it("refuses any endpoint whose host is not an allowed push service's, however it is written", () => {
    const lookalike = fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.ipV6().map((ip) => `[${ip}]`),
      fc.constantFrom("fcm.googleapis.com.evil.example", "notify.windows.com", "evil-fcm.googleapis.com", "127.0.0.1", "localhost", "169.254.169.254", "[::1]", "0x7f.1", "2130706433"),
    );
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
    fc.assert(
      fc.property(lookalike, port, fc.webPath(), (host, portNumber, path) => {
        const endpoint = `https://${host}${portNumber === undefined ? "" : `:${portNumber}`}${path}`;
        const result = checkSubscription({ endpoint, keys: KEYS }, hosts);
        const accepted = hostOf(result);
        // Whatever passes is at an allowed host (and the port it allows).
        if (accepted !== null) expect(/^(fcm\.googleapis\.com|updates\.push\.services\.mozilla\.com|web\.push\.apple\.com|[a-z0-9.-]+\.notify\.windows\.com|127\.0\.0\.1:8443)$/.test(accepted)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuses anything but https, credentials, and oversized or malformed parts", () => {
    fc.assert(
      fc.property(fc.constantFrom("http", "ftp", "file", "ws", "wss", "gopher", "data", "javascript"), fc.webPath(), (scheme, path) => {
        expect(typeof checkSubscription({ endpoint: `${scheme}://fcm.googleapis.com${path}`, keys: KEYS }, hosts)).toBe("string");
      }),
    );
    expect(checkSubscription({ endpoint: "https://a:b@fcm.googleapis.com/x", keys: KEYS }, hosts)).toBe("the endpoint must not carry credentials");
    expect(checkSubscription({ endpoint: `https://fcm.googleapis.com/${"x".repeat(1_024)}`, keys: KEYS }, hosts)).toBe("the endpoint must be a URL of at most 1024 characters");
    expect(checkSubscription({ endpoint: "https://fcm.googleapis.com:444/x", keys: KEYS }, hosts)).toBe("the endpoint is not at a push service this relay sends to (fcm.googleapis.com:444)");
    expect(checkSubscription({ endpoint: "https://fcm.googleapis.com/x", keys: { ...KEYS, auth: "x".repeat(31) } }, hosts)).toBe("keys.auth must be 16 bytes (base64url)");
    expect(checkSubscription({ endpoint: "https://fcm.googleapis.com/x", keys: KEYS }, [])).toBe("the endpoint is not at a push service this relay sends to (fcm.googleapis.com)");
  });

  it("reads the operator's list of hosts, and says which entry is wrong", () => {
    expect(parseServiceHosts(" fcm.googleapis.com, *.notify.windows.com ,push.example:8443")).toEqual(["fcm.googleapis.com", "*.notify.windows.com", "push.example:8443"]);
    expect(parseServiceHosts("fcm.googleapis.com,https://evil/")).toBe('"https://evil/" is not a host name, *.domain or host:port');
  });
});
