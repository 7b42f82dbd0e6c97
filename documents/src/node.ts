export * from "./index.ts";
export * from "./file-record-store.ts";
