// Until the recovery code has been kept, every page says so.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppContext } from "../app/app-context.ts";

export function RecoveryReminder({ context }: { context: AppContext }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(true);
  useEffect(() => {
    void context.device.recoveryKept().then(setKept);
  }, [context.device, context.groups]);
  if (kept || context.groups.length === 0) return null;
  return (
    <p className="reminder no-print">
      {t("account.reminder")} <a href="#/account">{t("account.reminderLink")}</a>
    </p>
  );
}
