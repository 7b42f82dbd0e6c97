// The relay's report of what members did to the group's shared documents
// that honest devices never do. Only a coordinator's device may read it: the
// request carries a fresh challenge signed with this device's key.
import { fromBase64Url, signRelayAuth, type LedgerView } from "@tally/core";
import { describeEdits, type DocumentEdit, type EditReportRow } from "@tally/documents";
import type { Device } from "../device/device.ts";
import { RelayRequestError, get } from "../account/member-lookup.ts";

export async function fetchEditReport(device: Device, groupHex: string, view: LedgerView): Promise<EditReportRow[]> {
  const challenge = fromBase64Url(String((await get("/auth/challenge")).challenge));
  if (!challenge) throw new RelayRequestError("the relay sent a damaged challenge");
  const auth = await signRelayAuth(device.device, challenge, "edit-report");
  const found = await get(`/edits?group=${groupHex}&auth=${auth}`);
  return describeEdits(Array.isArray(found.edits) ? found.edits.filter(isEdit) : [], view);
}

/** The relay is not trusted to send well-formed entries: anything else is left out. */
function isEdit(value: unknown): value is DocumentEdit {
  if (value === null || typeof value !== "object") return false;
  const e = value as Record<string, unknown>;
  const counts = [e.atMs, e.document, e.deletions, e.rewrites, e.reshapes, e.floodBytes];
  return counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) && typeof e.deviceHex === "string" && typeof e.account === "string" && Array.isArray(e.keys);
}
