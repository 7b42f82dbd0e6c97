// Any member can take the group's records away for an audit: the export file
// (format "tally-records") that `tally ledger` and `tally verify` read.
import { useTranslation } from "react-i18next";
import { toExportFile } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { ActionButton } from "./SubmitControls.tsx";

/** A file name from the group's name: letters and digits only, so every system accepts it. */
export function recordsFileName(groupName: string, day: string): string {
  const slug = groupName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "group";
  return `${slug}-${day}.tally-records`;
}

async function download(replica: GroupReplica, groupName: string): Promise<number> {
  await replica.settled(); // everything received so far is judged and stored
  const records = (await replica.store.load()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const blob = new Blob([toExportFile(records.map((r) => r.envelope))], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = recordsFileName(groupName, new Date().toISOString().slice(0, 10));
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the time the click returns; the URL is freed a little later for slow ones.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return records.length;
}

export function DownloadRecords({ replica, groupName }: { replica: GroupReplica; groupName: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="records-file">
      <h2 id="records-file">{t("group.recordsFile.title")}</h2>
      <p>{t("group.recordsFile.intro")}</p>
      <ActionButton
        label={t("group.recordsFile.download")}
        busyLabel={t("group.recordsFile.preparing")}
        action={async () => t("group.recordsFile.done", { count: await download(replica, groupName) })}
      />
    </section>
  );
}
