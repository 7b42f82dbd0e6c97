// "Me": the phones and computers certified for my account in each of my
// groups, this one said plainly, and "remove this phone" for a lost one: a
// device.revoke from the next record it would sign, so what it did before it
// was lost still counts and nothing it signs afterwards ever does. Each
// phone's town chain (the second key it signs what a town pool can see with,
// PROTOCOL §12.9) is shown and removed with it.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, hexToBytes, parseRecord, type DeviceView, type SignedRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "../app/app-context.ts";
import { useGroup } from "../app/use-group.ts";
import { writeRecord } from "../app/write-record.ts";
import { ActionButton } from "../app/SubmitControls.tsx";
import { dateText } from "../i18n/format.ts";
import { townKey } from "../device/town-key.ts";

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

/** A phone (or computer) of the member, with its town chain when this device holds it. */
interface Phone {
  device: DeviceView;
  town: DeviceView | null;
}

/**
 * The member's devices as phones, each with its town chain (worked out from
 * the member seed and the phone's key), and town chains of phones this device
 * cannot work out (certified by a key the account had before a recovery); null
 * while working it out.
 */
function usePhones(context: AppContext, replica: GroupReplica | null, groupHex: string, devices: DeviceView[] | null): { phones: Phone[]; towns: DeviceView[] } | null {
  const [phones, setPhones] = useState<{ key: string; phones: Phone[]; towns: DeviceView[] } | null>(null);
  const key = devices === null ? "" : devices.map((d) => `${d.device}/${d.revokedFrom ?? ""}`).join(",");
  useEffect(() => {
    let current = true;
    void (async () => {
      const seed = await context.device.memberSeed();
      const townOf = new Map<string, string>();
      for (const d of devices ?? []) townOf.set(d.device, bytesToHex((await townKey(seed, hexToBytes(d.device))).publicKey));
      const towns = new Set(townOf.values());
      const byHex = new Map((devices ?? []).map((d) => [d.device, d]));
      const memberHex = bytesToHex(context.device.member.publicKey);
      const unplaced = replica === null ? [] : (devices ?? []).filter((d) => !towns.has(d.device) && replica.ledger.signsOnlyTownKinds(groupHex, d.device) && certifiedBy(replica, groupHex, d.device) !== memberHex);
      const phones = (devices ?? []).filter((d) => !towns.has(d.device) && !unplaced.includes(d)).map((d) => ({ device: d, town: byHex.get(townOf.get(d.device) ?? "") ?? null }));
      if (current) setPhones({ key, phones, towns: unplaced });
    })();
    return () => {
      current = false;
    };
  }, [key]); // `key` stands for the devices and their standing, which a new array each render does not

  return phones?.key === key ? phones : null;
}

function GroupDevices({ context, groupHex, name }: { context: AppContext; groupHex: string; name: string }) {
  const { t } = useTranslation();
  const opened = useGroup(context, groupHex);
  const devices = opened ? devicesOfMember(opened.replica, groupHex, bytesToHex(context.device.member.publicKey)) : null;
  const placed = usePhones(context, opened?.replica ?? null, groupHex, devices);
  if (!opened) return null;
  const { replica, view } = opened;
  const thisDevice = bytesToHex(context.device.device.publicKey);
  const groupName = view.groups[groupHex]?.name ?? name;
  return (
    <div className="group-devices">
      <h3>{t("devices.inGroup", { name: groupName })}</h3>
      {devices === null ? (
        <p>{t("devices.moved")}</p>
      ) : placed === null ? null : (
        <ul className="devices">
          {[...placed.phones]
            .sort((a, b) => Number(b.device.device === thisDevice) - Number(a.device.device === thisDevice) || (a.device.device < b.device.device ? -1 : 1))
            .map((p) => (
              <DeviceItem key={p.device.device} context={context} replica={replica} groupHex={groupHex} phone={p} mine={p.device.device === thisDevice} />
            ))}
          {placed.towns.map((d) => (
            <TownChainItem key={d.device} context={context} replica={replica} groupHex={groupHex} device={d} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Revokes a device of this member from its next record, naming its certificate (the rules ask for it). */
async function revoke(context: AppContext, replica: GroupReplica, groupHex: string, device: DeviceView, noCertificate: string): Promise<void> {
  const certificate = replica.ledger.chainRecord(groupHex, device.device, 0);
  if (certificate === null) throw new Error(noCertificate);
  await writeRecord(replica, context.device, "device.revoke", { device: hexToBytes(device.device), fromSeq: nextSeqOf(replica, groupHex, device.device), reason: "Lost or stolen" }, [certificate]);
}

function DeviceItem({ context, replica, groupHex, phone, mine }: { context: AppContext; replica: GroupReplica; groupHex: string; phone: Phone; mine: boolean }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const { device, town } = phone;
  const lastUsedMs = Math.max(lastTimeOf(replica, groupHex, device.device), town ? lastTimeOf(replica, groupHex, town.device) : 0);
  const label = deviceLabel(device.device);

  async function remove(): Promise<string> {
    if (device.revokedFrom === null) await revoke(context, replica, groupHex, device, t("devices.noCertificate"));
    if (town && town.revokedFrom === null) await revoke(context, replica, groupHex, town, t("devices.noCertificate"));
    return t("devices.removed", { label });
  }

  const removed = device.revokedFrom !== null && (town === null || town.revokedFrom !== null);
  return (
    <li className={mine ? "device this-device" : "device"}>
      <p>
        <strong>{mine ? t("devices.thisPhone") : t("devices.otherPhone")}</strong> <span className="device-key">{t("devices.key", { label })}</span>
      </p>
      <p className="hint">
        {removed ? t("devices.wasRemoved") : lastUsedMs > 0 ? t("devices.lastUsed", { date: dateText(lastUsedMs) }) : t("devices.notUsed")}
      </p>
      {town ? <p className="hint">{t("townChain.alsoKey", { label: deviceLabel(town.device) })}</p> : null}
      {mine ? (
        <p className="hint">{t("devices.thisOne")}</p>
      ) : !removed ? (
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

/** A town chain of a phone this device cannot place: removable on its own. */
function TownChainItem({ context, replica, groupHex, device }: { context: AppContext; replica: GroupReplica; groupHex: string; device: DeviceView }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const label = deviceLabel(device.device);
  const lastUsedMs = lastTimeOf(replica, groupHex, device.device);

  async function remove(): Promise<string> {
    await revoke(context, replica, groupHex, device, t("devices.noCertificate"));
    return t("townChain.removedKey", { label });
  }

  return (
    <li className="device">
      <p>
        <strong>{t("townChain.title")}</strong> <span className="device-key">{t("devices.key", { label })}</span>
      </p>
      <p className="hint">{t("townChain.hint")}</p>
      <p className="hint">{device.revokedFrom !== null ? t("devices.wasRemoved") : lastUsedMs > 0 ? t("devices.lastUsed", { date: dateText(lastUsedMs) }) : t("devices.notUsed")}</p>
      {device.revokedFrom !== null ? null : asked ? (
        <div role="group" aria-label={t("townChain.sureKey", { label })}>
          <ActionButton action={remove} label={t("townChain.yesRemoveKey", { label })} busyLabel={t("devices.removing")} />{" "}
          <button type="button" className="small" onClick={() => setAsked(false)}>{t("devices.keep")}</button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsked(true)}>{t("townChain.removeKey", { label })}</button>
      )}
    </li>
  );
}

/** The member key (hex) that certified a device, or null when its certificate is not here. */
function certifiedBy(replica: GroupReplica, groupHex: string, deviceHex: string): string | null {
  const id = replica.ledger.chainRecord(groupHex, deviceHex, 0);
  const parsed = id === null ? null : parseRecord(replica.ledger.envelopeOf(id) ?? new Uint8Array());
  return parsed?.ok && parsed.record.kind === "device" ? bytesToHex((parsed.record as SignedRecord<"device">).body.member) : null;
}

/** When the device last signed a record here (display only), or 0 when it has signed only its certificate. */
function lastTimeOf(replica: GroupReplica, groupHex: string, deviceHex: string): number {
  const head = replica.ledger.chainHead(groupHex, deviceHex);
  const envelope = head ? replica.ledger.envelopeOf(head.id) : null;
  const parsed = envelope ? parseRecord(envelope) : null;
  return parsed?.ok ? parsed.record.timeMs : 0;
}
