import { useState, type FormEvent } from "react";
import { bytesToHex, createGroup, newSeed } from "@tally/core";
import type { AppContext } from "./App.tsx";

export function HomePage({ context }: { context: AppContext }) {
  const [name, setName] = useState("");
  const [founderName, setFounderName] = useState("");
  const [limitHours, setLimitHours] = useState("10");
  const [busy, setBusy] = useState(false);

  async function start(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { device, sync } = context;
    const created = await createGroup(device.member, device.device, {
      name: name.trim(),
      founderName: founderName.trim(),
      nonce: newSeed().slice(0, 16),
      creditLimitMinutes: Math.round(Number(limitHours) * 60),
      joiningBonusMinutes: 60,
      confirmation: "both",
    });
    const groupHex = bytesToHex(created.groupId);
    await device.remember({ groupHex, name: name.trim(), founding: created.records.map((r) => r.envelope) });
    await context.refreshGroups();
    const replica = await sync.replica(groupHex);
    await replica.write(created.records);
    sync.adapter.reconnect(); // show the relay the new group
    context.go(`/g/${groupHex}`);
  }

  return (
    <>
      <section aria-labelledby="your-groups">
        <h1 id="your-groups">Your groups</h1>
        {context.groups.length === 0 ? <p>You are not in a group yet. Start one, or open an invite link from your coordinator.</p> : null}
        <ul className="groups">
          {context.groups.map((g) => (
            <li key={g.groupHex}>
              <a href={`#/g/${g.groupHex}`}>{g.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="start">
        <h2 id="start">Start a group</h2>
        <form onSubmit={(e) => void start(e)}>
          <label>
            Group name
            <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Your name
            <input required maxLength={80} value={founderName} onChange={(e) => setFounderName(e.target.value)} />
          </label>
          <label>
            How far a member may go below zero (hours)
            <input required type="number" min="0" max="10000" step="1" value={limitHours} onChange={(e) => setLimitHours(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>Start the group</button>
        </form>
      </section>
    </>
  );
}
