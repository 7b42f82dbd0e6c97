export * from "./doc-ids.ts";
export * from "./genesis.ts";
export * from "./group-documents.ts";
export * from "./document-structure.ts";
export * from "./record-store.ts";
export * from "./group-replica.ts";
export * from "./indexeddb-record-store.ts";
export * from "./relay-client-adapter.ts";
