// A stand-in for a browser's push service (FCM, Mozilla's, Apple's), which
// tests cannot reach: a real HTTPS server on loopback, with a certificate made
// for the run that the relay process is told to trust (NODE_EXTRA_CA_CERTS).
// It keeps every request, and it checks them as a push service and a browser
// would: the VAPID signature (RFC 8292) against the key the subscription was
// made with, and the payload decrypted (RFC 8291, aes128gcm) with the
// subscription's private key, written here from the RFCs with node:crypto, so
// it checks the relay's library rather than repeating it.
import { execFileSync } from "node:child_process";
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface StandInSubscription {
  /** What a browser hands the app: endpoint and public keys. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface PushServiceStandIn {
  origin: string;
  host: string;
  /** The certificate file to trust (NODE_EXTRA_CA_CERTS for the relay). */
  certificateFile: string;
  requests: PushRequest[];
  /** The status to answer requests to a path with (201, as push services do, when not set). */
  statusFor: Map<string, number>;
  subscribe(path: string): StandInSubscription;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushServiceStandIn> {
  const dir = mkdtempSync(join(tmpdir(), "tally-push-service-"));
  const [keyFile, certificateFile] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=push-service.test", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyFile, "-out", certificateFile], { stdio: "ignore" });
  const requests: PushRequest[] = [];
  const statusFor = new Map<string, number>();
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certificateFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(statusFor.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    host: `127.0.0.1:${port}`,
    certificateFile,
    requests,
    statusFor,
    subscribe(path) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      return { subscription: { endpoint: `${origin}${path}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") } }, ecdh, authSecret };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The VAPID claims of a request, after checking its ES256 signature with the key it names; throws when either is wrong. */
export function vapidClaims(request: PushRequest): { key: string; claims: { aud: string; exp: number; sub: string } } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(request.headers.authorization));
  if (!match) throw new Error(`not a VAPID authorization: ${String(request.headers.authorization).slice(0, 60)}`);
  const [token, key] = [match[1] as string, match[2] as string];
  const [header, claims, signature] = token.split(".") as [string, string, string];
  const point = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") }, format: "jwk" });
  const signed = verify("sha256", Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!signed) throw new Error("the VAPID signature does not verify");
  const parsedHeader = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string };
  if (parsedHeader.alg !== "ES256") throw new Error(`VAPID alg is ${parsedHeader.alg}`);
  return { key, claims: JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud: string; exp: number; sub: string } };
}

/** RFC 8291 / RFC 8188: the plaintext a browser would hand its service worker. */
export function decryptPush(request: PushRequest, receiver: StandInSubscription): string {
  if (request.headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding is ${String(request.headers["content-encoding"])}`);
  const body = request.body;
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20] as number;
  const senderKey = body.subarray(21, 21 + keyIdLength);
  const ciphertext = body.subarray(21 + keyIdLength);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const shared = receiver.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, receiver.authSecret, keyInfo, 32));
  const contentKey = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", contentKey, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("the last record's delimiter is missing");
  return padded.subarray(0, end).toString("utf8");
}
