// "Me": the phones and computers certified for my account in each of my
// groups, this one said plainly, and "remove this phone" for a lost one: a
// device.revoke from the next record it would sign, so what it did before it
// was lost still counts and nothing it signs afterwards ever does.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, hexToBytes, parseRecord, type DeviceView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "../app/app-context.ts";
import { useGroup } from "../app/use-group.ts";
import { writeRecord } from "../app/write-record.ts";
import { ActionButton } from "../app/SubmitControls.tsx";
import { dateText } from "../i18n/format.ts";

/** A short name for a device key people can compare between two phones: its first 8 hex digits, in two fours. */
export function deviceLabel(deviceHex: string): string {
  return `${deviceHex.slice(0, 4)}-${deviceHex.slice(4, 8)}`.toUpperCase();
}

/** The devices of the account this member key acts for, or null when a recovery moved the account to another key. */
export function devicesOfMember(replica: GroupReplica, groupHex: string, memberHex: string): DeviceView[] | null {
  const account = replica.ledger.accountOfKey(groupHex, memberHex);
  return account === null ? null : replica.ledger.devices(groupHex).filter((d) => d.account === account);
}

/** The seq from which a device's records stop counting: the next one after all it is known to have signed. */
export function nextSeqOf(replica: GroupReplica, groupHex: string, deviceHex: string): number {
  return (replica.ledger.chainHead(groupHex, deviceHex)?.seq ?? 0) + 1;
}

export function Devices({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="devices">
      <h2 id="devices">{t("devices.title")}</h2>
      <p>{t("devices.intro")}</p>
      {context.groups.length === 0 ? <p>{t("devices.noGroups")}</p> : null}
      {context.groups.map((g) => (
        <GroupDevices key={g.groupHex} context={context} groupHex={g.groupHex} name={g.name} />
      ))}
    </section>
  );
}

function GroupDevices({ context, groupHex, name }: { context: AppContext; groupHex: string; name: string }) {
  const { t } = useTranslation();
  const opened = useGroup(context, groupHex);
  if (!opened) return null;
  const { replica, view } = opened;
  const thisDevice = bytesToHex(context.device.device.publicKey);
  const devices = devicesOfMember(replica, groupHex, bytesToHex(context.device.member.publicKey));
  const groupName = view.groups[groupHex]?.name ?? name;
  return (
    <div className="group-devices">
      <h3>{t("devices.inGroup", { name: groupName })}</h3>
      {devices === null ? (
        <p>{t("devices.moved")}</p>
      ) : (
        <ul className="devices">
          {[...devices]
            .sort((a, b) => Number(b.device === thisDevice) - Number(a.device === thisDevice) || (a.device < b.device ? -1 : 1))
            .map((d) => (
              <DeviceItem key={d.device} context={context} replica={replica} groupHex={groupHex} device={d} mine={d.device === thisDevice} />
            ))}
        </ul>
      )}
    </div>
  );
}

function DeviceItem({ context, replica, groupHex, device, mine }: { context: AppContext; replica: GroupReplica; groupHex: string; device: DeviceView; mine: boolean }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const lastUsedMs = lastTimeOf(replica, groupHex, device.device);
  const label = deviceLabel(device.device);

  async function remove(): Promise<string> {
    const certificate = replica.ledger.chainRecord(groupHex, device.device, 0);
    if (certificate === null) throw new Error(t("devices.noCertificate"));
    await writeRecord(replica, context.device, "device.revoke", { device: hexToBytes(device.device), fromSeq: nextSeqOf(replica, groupHex, device.device), reason: "Lost or stolen" }, [certificate]);
    return t("devices.removed", { label });
  }

  return (
    <li className={mine ? "device this-device" : "device"}>
      <p>
        <strong>{mine ? t("devices.thisPhone") : t("devices.otherPhone")}</strong> <span className="device-key">{t("devices.key", { label })}</span>
      </p>
      <p className="hint">
        {device.revokedFrom !== null ? t("devices.wasRemoved") : lastUsedMs > 0 ? t("devices.lastUsed", { date: dateText(lastUsedMs) }) : t("devices.notUsed")}
      </p>
      {mine ? (
        <p className="hint">{t("devices.thisOne")}</p>
      ) : device.revokedFrom === null ? (
        asked ? (
          <div role="group" aria-label={t("devices.sure", { label })}>
            <p role="alert">{t("devices.warning")}</p>
            <ActionButton action={remove} label={t("devices.yesRemove", { label })} busyLabel={t("devices.removing")} />{" "}
            <button type="button" className="small" onClick={() => setAsked(false)}>{t("devices.keep")}</button>
          </div>
        ) : (
          <button type="button" onClick={() => setAsked(true)}>{t("devices.remove", { label })}</button>
        )
      ) : null}
    </li>
  );
}

/** When the device last signed a record here (display only), or 0 when it has signed only its certificate. */
function lastTimeOf(replica: GroupReplica, groupHex: string, deviceHex: string): number {
  const head = replica.ledger.chainHead(groupHex, deviceHex);
  const envelope = head ? replica.ledger.envelopeOf(head.id) : null;
  const parsed = envelope ? parseRecord(envelope) : null;
  return parsed?.ok ? parsed.record.timeMs : 0;
}
