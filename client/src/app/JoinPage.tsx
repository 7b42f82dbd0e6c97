import { useState, type FormEvent } from "react";
import { DeviceAuthor, bytesToHex, parseInvite, toBase64Url } from "@tally/core";
import type { AppContext } from "./App.tsx";

export function JoinPage({ context, invite }: { context: AppContext; invite: string }) {
  const parsed = parseInvite(invite);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!parsed) return <p role="alert">This invite link is damaged. Ask your coordinator for a new one.</p>;
  const groupHex = bytesToHex(parsed.group);
  // This device already has a chain in the group: a second certificate and
  // join would be two records at one seq (equivocation) and freeze it.
  if (context.groups.some((g) => g.groupHex === groupHex)) {
    return (
      <p>
        You are already in this group. <a href={`#/g/${groupHex}`}>Open it</a>.
      </p>
    );
  }

  async function join(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const { device, sync } = context;
    const { author, record: certificate } = await DeviceAuthor.certified(device.member, device.device, parsed!.group);
    const request = await author.write("member.join", { name: name.trim(), memberKind: "person" });
    const response = await fetch("/join", {
      method: "POST",
      body: JSON.stringify({ invite, records: [certificate, request].map((r) => toBase64Url(r.envelope)) }),
    }).catch(() => null);
    if (!response || response.status !== 202) {
      const reason = response ? ((await response.json().catch(() => ({}))) as { error?: string }).error : "no connection to the relay";
      setProblem(`Your request could not be sent: ${reason ?? "unknown reason"}. Try again when you have a connection.`);
      setBusy(false);
      return;
    }
    await device.remember({ groupHex, name: "A group you asked to join" });
    await context.refreshGroups();
    await (await sync.replica(groupHex)).write([certificate, request]);
    context.go(`/g/${groupHex}`);
  }

  return (
    <section aria-labelledby="join">
      <h1 id="join">Join a timebank</h1>
      <p>Tell the group who you are. A coordinator will check and approve your request.</p>
      <form onSubmit={(e) => void join(e)}>
        <label>
          Your name
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>Ask to join</button>
      </form>
      {problem ? <p role="alert">{problem}</p> : null}
    </section>
  );
}
