// GET /edits?group=<hex>&auth=<relay auth>: what members did to the group's
// documents that honest devices never do (see EditWatch), for the group's
// coordinators only. The auth is the one a device shows to sync: a fresh
// challenge signed with its key.
import type { ServerResponse } from "node:http";
import { GROUP_ID_BYTES, bytesToHex, parseRelayAuth, relayAuthValid } from "@tally/core";
import type { Challenges } from "../auth/challenges.ts";
import type { EditWatch } from "../groups/edit-watch.ts";
import type { RelayGroups } from "../groups/relay-groups.ts";
import { json } from "./json.ts";

export async function serveGroupEdits(url: URL, response: ServerResponse, groups: RelayGroups, challenges: Challenges, watch: EditWatch): Promise<void> {
  const groupHex = url.searchParams.get("group") ?? "";
  const auth = parseRelayAuth(url.searchParams.get("auth") ?? "");
  if (groupHex.length !== GROUP_ID_BYTES * 2 || !/^[0-9a-f]+$/.test(groupHex) || !auth) return json(response, 400, { error: "expected ?group=<group id hex>&auth=<signed challenge>" });
  if (!challenges.redeem(auth.challenge, Date.now())) return json(response, 403, { error: "unknown, used or expired challenge" });
  if (!(await relayAuthValid(auth))) return json(response, 403, { error: "bad signature" });
  if (!groups.isCoordinatorDevice(groupHex, bytesToHex(auth.device))) return json(response, 403, { error: "only the group's coordinators see its edit report" });
  json(response, 200, { edits: watch.editsOf(groupHex) });
}

