// A coordinator asks, for the group, to join a town pool: given the pool link
// the town's coordinator shared, or the pool's id, the group signs a
// pool.join (PROTOCOL §12.2). The pool's coordinators then admit the group.
// A group that is a pool itself shares its own link here.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_TEXT_CHARS, hexToBytes, type LedgerView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { ShareLink } from "../shell/ShareLink.tsx";
import { poolIdFrom, poolLink } from "./pool-link.ts";
import { poolsOf } from "./pools-of.ts";

/** Why this group cannot ask to join `pool` now, or null when it can. */
export function whyNotJoin(view: LedgerView, groupHex: string, joined: readonly string[], pool: string, t: (key: string) => string): string | null {
  if (pool === groupHex) return t("town.join.notItself");
  const now = poolsOf(view, groupHex, joined).find((p) => p.pool === pool)?.status;
  if (now === "asked") return t("town.join.alreadyAsked");
  if (now === "member") return t("town.join.alreadyIn");
  return null;
}

interface JoinProps {
  view: LedgerView;
  groupHex: string;
  /** The pools the group's records ask to join (GroupReplica.joinedPools). */
  joined: readonly string[];
  write: Write;
}

export function JoinPool({ view, groupHex, joined, write, fixedPool, poolName }: JoinProps & { fixedPool?: string; poolName?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const submit = useSubmit();

  async function ask(): Promise<string> {
    const pool = fixedPool ?? poolIdFrom(text);
    if (!pool) throw new Error(t("town.join.notALink"));
    const why = whyNotJoin(view, groupHex, joined, pool, t);
    if (why) throw new Error(why);
    await write("pool.join", { pool: hexToBytes(pool), ...(note.trim() ? { note: note.trim() } : {}) });
    setText("");
    return t("town.join.asked");
  }

  return (
    <form onSubmit={submit.form(ask)} className="join-pool">
      <p>{t("town.join.shares")}</p>
      {fixedPool ? null : (
        <label>
          {t("town.join.link")}
          <input required value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
      )}
      <label>
        {t("town.join.note")}
        <input maxLength={MAX_TEXT_CHARS} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <BusyButton submit={submit} busyLabel={t("town.join.asking")}>{poolName ? t("town.join.askNamed", { pool: poolName }) : t("town.join.ask")}</BusyButton>
      <SubmitOutcome submit={submit} />
    </form>
  );
}

/** The coordinator's town tool: ask to join a pool; share this group's own pool link. */
export function TownTool({ view, groupHex, joined, write }: JoinProps) {
  const { t } = useTranslation();
  const name = view.groups[groupHex]?.name ?? "";
  return (
    <>
      <p>{t("town.join.intro")}</p>
      <JoinPool view={view} groupHex={groupHex} joined={joined} write={write} />
      <h4>{t("town.share.title")}</h4>
      <p>{t("town.share.intro")}</p>
      {view.pools?.[groupHex] ? (
        <p>
          <a href={`#/town/${groupHex}`}>{t("town.dashboard.link")}</a>
        </p>
      ) : null}
      <ShareLink link={poolLink(location.origin, groupHex, name)} label={t("town.share.label")} groupName={name} words={{ title: t("town.share.shareTitle", { pool: name }), text: t("town.share.shareText", { pool: name }) }} />
    </>
  );
}
