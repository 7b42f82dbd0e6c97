// Every size and count in a record has a limit; a record past one is rejected.
export const PROTOCOL_VERSION = 1;
export const MAX_ENVELOPE_BYTES = 4096;
export const MAX_DEPS = 8;
export const MAX_SEQ = 2 ** 32 - 1;
export const MAX_TIME_MS = 2 ** 48; // display only; year 10889
export const MAX_NAME_CHARS = 80;
export const MAX_TEXT_CHARS = 1000;
// A member's profile: short enough to read at a glance and to print on a social CV.
export const MAX_SKILLS_CHARS = 300;
export const MAX_BIO_CHARS = 500;
export const MAX_CONTACT_CHARS = 200;
export const MAX_LEGS = 32;
/** An activity's start is a day and a minute of that day (0 to 1,439), local to the group: display only. */
export const MINUTES_PER_DAY = 24 * 60;
export const MAX_LEG_MINUTES = 60_000; // 1,000 hours in one leg of one exchange
export const MAX_CREDIT_LIMIT_MINUTES = 600_000;
export const GROUP_ID_BYTES = 16;
export const ID_BYTES = 32;
