// Recording: an exchange (one or many helpers), a gift, or face to face with
// no signal. What waits for this member's confirmation is here too, as
// reading a face-to-face code often brings one.
import { accountBytes } from "../app/account-bytes.ts";
import { RecordExchange } from "../app/RecordExchange.tsx";
import { Give } from "../app/Give.tsx";
import { FaceToFace } from "../face-to-face/FaceToFace.tsx";
import { Answered, ToAnswer } from "./Answers.tsx";
import type { GroupSession } from "./session.ts";

export function RecordTab({ session }: { session: GroupSession }) {
  const { context, view, groupHex, me, others, overspend, write } = session;
  const proxies: [string, string][] = session.members.filter(([, a]) => a.type === "proxy" && a.status === "active").map(([id, a]) => [id, a.name]);
  return (
    <>
      <ToAnswer session={session} />
      <RecordExchange
        payerIsEnough={view.groups[groupHex]?.settings.confirmation === "payer"}
        members={others}
        proxies={session.coordinator ? proxies : []}
        overspend={(payer, minutes) => overspend(payer ?? me, minutes)}
        onRecord={(chosen, minutes, description, category, theyHelped, forProxy) => {
          // A coordinator's signature stands for a proxy member's.
          const mine = forProxy ? accountBytes(forProxy) : context.device.member.publicKey;
          // One payer, one or more payees (a work party: everyone who helped gets the same hours).
          const payees = theyHelped ? chosen.map((id) => ({ account: accountBytes(id), minutes })) : [{ account: mine, minutes }];
          return write("exchange.propose", { payer: theyHelped ? mine : accountBytes(chosen[0]!), payees, description, ...(category ? { category } : {}) });
        }}
      />
      <Answered session={session} />
      <Give members={others} overspend={(minutes) => overspend(me, minutes)} onGive={(to, minutes) => write("donation", { to: to === "group" ? new Uint8Array() : accountBytes(to), minutes })} />
      <FaceToFace
        members={others}
        code={session.code}
        overspend={(minutes) => overspend(me, minutes)}
        onPay={async (payee, minutes, description) => {
          await write("exchange.propose", { payer: context.device.member.publicKey, payees: [{ account: accountBytes(payee), minutes }], description });
          session.showOwnRecords();
        }}
        onRead={async (envelopes) => {
          await session.replica.receive(envelopes);
          session.setCode("");
        }}
      />
    </>
  );
}
