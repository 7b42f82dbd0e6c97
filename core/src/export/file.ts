// The export file: how records travel outside the app (backups, the CLI,
// merging two groups' exports). JSON with base64url envelopes.
import { fromBase64Url, toBase64Url } from "../encoding/bytes.ts";

export const EXPORT_FORMAT = "tally-records";
export const EXPORT_VERSION = 1;
export const MAX_EXPORT_RECORDS = 2_000_000;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  records: string[];
}

export function toExportFile(envelopes: readonly Uint8Array[]): string {
  const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, records: envelopes.map(toBase64Url) };
  return JSON.stringify(file);
}

export class ExportFileError extends Error {}

/** Reads an export file's text; throws ExportFileError with a one-line reason. */
export function fromExportFile(text: string): Uint8Array[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ExportFileError(text.trim().length === 0 ? "the file is empty" : "the file is not valid JSON (truncated or not an export?)");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ExportFileError("the file is not a Tally export (expected a JSON object)");
  const file = data as Partial<ExportFile>;
  if (file.format !== EXPORT_FORMAT) throw new ExportFileError(`the file is not a Tally export (format is not "${EXPORT_FORMAT}")`);
  if (file.version !== EXPORT_VERSION) {
    throw new ExportFileError(`unsupported export version ${JSON.stringify(file.version)} (this Tally reads version ${EXPORT_VERSION})`);
  }
  if (!Array.isArray(file.records)) throw new ExportFileError('the export has no "records" list');
  if (file.records.length > MAX_EXPORT_RECORDS) throw new ExportFileError(`the export has more than ${MAX_EXPORT_RECORDS} records`);
  return file.records.map((text, index) => {
    const bytes = typeof text === "string" ? fromBase64Url(text) : null;
    if (!bytes) throw new ExportFileError(`record ${index} is not a base64url string`);
    return bytes;
  });
}
