/** The webhook payload's version (payload-schema.ts): changes only when a field changes meaning or goes away. */
export const PAYLOAD_VERSION = 1;
