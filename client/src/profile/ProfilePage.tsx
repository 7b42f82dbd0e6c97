// A member's profile: name, skills, a short bio and how to reach them. This
// device holds the group's records only because it belongs to the group, so
// everyone who can open this page is a member. The member edits their own; a
// coordinator edits a proxy member's.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ownAccount as ownAccountOf } from "../account/own-account.ts";
import { hexToBytes, MAX_BIO_CHARS, MAX_CONTACT_CHARS, MAX_SKILLS_CHARS, type Profile } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { knownGroupOf, useGroup } from "../app/use-group.ts";
import { writeRecord } from "../app/write-record.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import "./profile.css";

export function ProfilePage({ context, accountId }: { context: AppContext; accountId: string }) {
  const groupHex = knownGroupOf(context, accountId);
  const group = useGroup(context, groupHex);
  const { t } = useTranslation();
  if (groupHex === null) return <p role="alert">{t("profile.notFound")}</p>;
  if (!group) return <p>{t("profile.opening")}</p>;
  const { replica, view } = group;
  const account = view.accounts[accountId];
  if (!account || account.type === "group") return <p role="alert">{t("profile.notFound")}</p>;
  const mine = ownAccountOf(replica, groupHex, context.device.member.publicKey);
  const me = view.accounts[mine];
  const ownAccount = accountId === mine;
  const coordinator = me?.status === "active" && me.role === "coordinator";
  const canEdit = me?.status === "active" && (ownAccount || (coordinator && account.type === "proxy"));
  const profile = account.profile ?? { skills: "", bio: "", contact: "" };
  const shown = (text: string) => (text ? <dd className="profile-text">{text}</dd> : <dd>{t("profile.empty")}</dd>);

  return (
    <article>
      <h1>{account.name}</h1>
      <dl className="profile">
        <dt>{t("profile.skills")}</dt>
        {shown(profile.skills)}
        <dt>{t("profile.about")}</dt>
        {shown(profile.bio)}
        <dt>{t("profile.contact")}</dt>
        {shown(profile.contact)}
      </dl>
      <p>
        <a href={`#/cv/${accountId}`}>{t("profile.cv", { name: account.name })}</a>
      </p>
      {canEdit ? (
        <ProfileForm
          key={accountId}
          heading={ownAccount ? t("profile.edit") : t("profile.editFor", { name: account.name })}
          forProxy={!ownAccount}
          profile={profile}
          onSave={(next) => {
            const body = {
              account: hexToBytes(accountId.split(":")[1] as string),
              ...(next.skills ? { skills: next.skills } : {}),
              ...(next.bio ? { bio: next.bio } : {}),
              ...(next.contact ? { contact: next.contact } : {}),
            };
            return writeRecord(replica, context.device, "member.profile", body);
          }}
        />
      ) : null}
      <p>
        <a href={`#/g/${groupHex}`}>{t("profile.back", { group: view.groups[groupHex]?.name ?? "" })}</a>
      </p>
    </article>
  );
}

function ProfileForm({ heading, forProxy, profile, onSave }: { heading: string; forProxy: boolean; profile: Profile; onSave: (profile: Profile) => Promise<void> }) {
  const [skills, setSkills] = useState(profile.skills);
  const [bio, setBio] = useState(profile.bio);
  const [contact, setContact] = useState(profile.contact);
  const submit = useSubmit();
  const { t } = useTranslation();
  const label = (key: string) => t(forProxy ? `profile.${key}Proxy` : `profile.${key}`);

  async function save(): Promise<string> {
    await onSave({ skills: skills.trim(), bio: bio.trim(), contact: contact.trim() });
    return t("profile.saved");
  }

  return (
    <section aria-labelledby="edit-profile" className="no-print">
      <h2 id="edit-profile">{heading}</h2>
      <p>{t("profile.privacy")}</p>
      <form onSubmit={submit.form(save)}>
        <label>
          {label("skillsLabel")}
          <textarea rows={2} maxLength={MAX_SKILLS_CHARS} value={skills} onChange={(e) => setSkills(e.target.value)} />
        </label>
        <label>
          {label("bioLabel")}
          <textarea rows={4} maxLength={MAX_BIO_CHARS} value={bio} onChange={(e) => setBio(e.target.value)} />
        </label>
        <label>
          {label("contactLabel")}
          <input maxLength={MAX_CONTACT_CHARS} value={contact} onChange={(e) => setContact(e.target.value)} />
        </label>
        <BusyButton submit={submit} busyLabel={t("submit.saving")}>{t("profile.save")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} />
    </section>
  );
}
