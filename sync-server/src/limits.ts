// Every limit the relay enforces, in one place (documented in docs/ARCHITECTURE.md).
export const LIMITS = {
  /** Largest WebSocket frame; a first sync of a full 10,000-record volume is about 4 MiB. */
  maxFrameBytes: 16 * 1024 * 1024,
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: 200,
  messageBurst: 1_000,
  /** Sustained bytes per second per connection, and the burst; past it the socket is read more slowly. */
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  /** Open connections (TCP, so HTTP and WebSocket) from one address, and WebSocket connections per device. */
  connectionsPerIp: 64,
  connectionsPerDevice: 4,
  /** Open connections in all; the relay also stays below its open-file limit less `openFilesReserve`. */
  maxConnections: 10_000,
  openFilesReserve: 128,
  /** A connection that has sent no HTTP request head, or no WebSocket frame, for this long is closed. */
  requestHeadTimeoutMs: 10_000,
  idleConnectionMs: 10 * 60_000,
  /** Stored bytes of one document: a change that would take it past this is refused (what is stored is always served). */
  maxDocumentBytes: 64 * 1024 * 1024,
  /** Record volumes one group may list (10,000 records each). */
  maxVolumesPerGroup: 32,
  /** How long a challenge may be answered, how many may be outstanding, and how many one address may ask for. */
  challengeTtlMs: 60_000,
  maxOutstandingChallenges: 100_000,
  challengesPerIpPerMinute: 60,
  /** New groups founded from one address in an hour. */
  groupsPerIpPerHour: 10,
  /** Join requests accepted through one invite (kept across restarts), and join or link requests per group per minute. */
  joinsPerInvite: 200,
  joinsPerGroupPerMinute: 30,
  /** Device certificates in one link request (one per group), and join, recover or link requests per address. */
  maxLinkRecords: 32,
  memberRequestsPerIpPerMinute: 120,
  /** Largest HTTP request body (a join request). */
  maxRequestBytes: 64 * 1024,
  /** Push subscriptions kept (one per device), the least time between two pushes to one device about one group, and a push service's time to answer. */
  maxPushSubscriptions: 100_000,
  pushIntervalMs: 60_000,
  pushTimeoutMs: 10_000,
  /** A group relay's retries of its pool relay (TALLY_POOL_RELAY): from the shortest wait, doubling up to the longest (with jitter). */
  poolRetryMinMs: 500,
  poolRetryMaxMs: 15_000,
  /** Log lines of one kind per minute (refused frames, connections); the rest are counted in a summary line. */
  logLinesPerMinute: 600,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };
