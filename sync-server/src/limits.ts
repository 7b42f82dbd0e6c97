// Every limit the relay enforces, in one place (documented in docs/ARCHITECTURE.md).
export const LIMITS = {
  /** Largest WebSocket frame; a first sync of a full 10,000-record volume is about 4 MiB. */
  maxFrameBytes: 16 * 1024 * 1024,
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: 200,
  messageBurst: 1_000,
  /** Open connections from one IP address and from one device. */
  connectionsPerIp: 64,
  connectionsPerDevice: 4,
  /** Stored bytes of one document; past this it is no longer served or accepted. */
  maxDocumentBytes: 64 * 1024 * 1024,
  /** How long a challenge may be answered, and how many may be outstanding. */
  challengeTtlMs: 60_000,
  maxOutstandingChallenges: 10_000,
  /** Join requests accepted through one invite. */
  joinsPerInvite: 200,
  /** Device certificates in one link request (one per group), and recover or link requests per address. */
  maxLinkRecords: 32,
  memberRequestsPerIpPerMinute: 120,
  /** Largest HTTP request body (a join request). */
  maxRequestBytes: 64 * 1024,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };
