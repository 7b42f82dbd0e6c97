// Said on the group page when this phone's records no longer count, with the
// way on: a new key for this phone, certified by the member's own key.
import { useTranslation } from "react-i18next";
import type { AppContext } from "../app/app-context.ts";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { certifyNewDeviceKey } from "./new-device-key.ts";

export function FrozenDevice({ context, seq }: { context: AppContext; seq: number }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <section aria-labelledby="frozen" className="frozen">
      <h2 id="frozen">{t("frozen.title")}</h2>
      <p role="alert">{t("frozen.why", { number: seq })}</p>
      <p>{t("frozen.safe")}</p>
      <form
        onSubmit={submit.form(async () => {
          await certifyNewDeviceKey(context);
          location.reload(); // sync starts again as the new key
          return t("frozen.done");
        })}
      >
        <BusyButton submit={submit} busyLabel={t("frozen.replacing")}>{t("frozen.replace")}</BusyButton>
      </form>
      <SubmitOutcome submit={submit} failed={(reason) => t("frozen.failed", { reason })} />
    </section>
  );
}
