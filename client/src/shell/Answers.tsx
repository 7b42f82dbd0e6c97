// What waits for this member's answer (Confirm or Not right), and the answers
// to what they recorded: on Home, and on Record, where reading a face-to-face
// code often brings one.
import { Confirmations } from "../app/Confirmations.tsx";
import { ExchangeAnswers } from "../app/ExchangeAnswers.tsx";
import type { GroupSession } from "./session.ts";

export function ToAnswer({ session }: { session: GroupSession }) {
  const { view, replica, me, proxies, write, overspend, code } = session;
  return <Confirmations view={view} replica={replica} me={me} proxies={proxies} write={write} overspend={overspend} onConfirmed={() => (code !== null ? session.showOwnRecords() : undefined)} />;
}

export function Answered({ session }: { session: GroupSession }) {
  const { view, replica, me, write, overspend } = session;
  return <ExchangeAnswers view={view} replica={replica} me={me} write={write} overspend={overspend} />;
}
