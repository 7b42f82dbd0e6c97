// Face to face, no signal needed: the payer's phone shows a code of the
// signed exchange, the helper's phone reads it, confirms, and shows a code of
// its confirmation for the payer's phone to read. Both ledgers agree at once;
// the records travel on when either phone is online.
import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CameraReader } from "./CameraReader.tsx";
import { decodeCode } from "./code.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { HoursInput } from "../app/HoursInput.tsx";
import { minutesFromHours } from "../app/hours.ts";
import { Choice } from "../app/Choice.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type Overspend } from "../app/SpendLimit.tsx";

interface Props {
  members: [string, string][];
  /** null: nothing shown; "": a code was just read (show your confirmation next); text: the code to show. */
  code: string | null;
  /** Whether paying this much would take this member past their limit. */
  overspend: (minutes: number) => Overspend | null;
  onPay: (payee: string, minutes: number, description: string) => Promise<void>;
  onRead: (envelopes: Uint8Array[]) => Promise<void>;
}

export function FaceToFace({ members, code, overspend, onPay, onRead }: Props) {
  const [payee, setPayee] = useState("");
  const [amount, setAmount] = useState("1");
  const [description, setDescription] = useState("");
  const [pasted, setPasted] = useState("");
  const [camera, setCamera] = useState(false);
  const paying = useSubmit();
  const reading = useSubmit();
  const { t } = useTranslation();
  // Labels by id: a textarea inside its label would have its content in its name.
  const shownId = useId();
  const pastedId = useId();

  const runRead = reading.run;
  // Stable while nothing it uses changes: the camera restarts when it does.
  const read = useCallback(
    (text: string) => {
      setCamera(false);
      void runRead(async () => {
        const envelopes = decodeCode(text);
        if (!envelopes) throw new Error(t("faceToFace.notACode"));
        await onRead(envelopes);
        setPasted("");
        return t("faceToFace.wasRead");
      });
    },
    [runRead, onRead, t],
  );

  const over = overspend(minutesFromHours(amount));

  async function pay() {
    refuseOverspend(over);
    await onPay(payee, minutesFromHours(amount), description.trim());
    setDescription("");
  }

  return (
    <section aria-labelledby="face-to-face">
      <h2 id="face-to-face">{t("faceToFace.title")}</h2>
      <form onSubmit={paying.form(pay)}>
        <label>
          {t("faceToFace.payWhom")}
          <Choice required value={payee} onChange={setPayee} options={members} first={["", t("record.choose")]} />
        </label>
        <label>
          {t("faceToFace.hours")}
          <HoursInput value={amount} onChange={setAmount} />
        </label>
        <label>
          {t("faceToFace.forWhat")}
          <input required maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <SpendWarning over={over} />
        <BusyButton submit={paying} busyLabel={t("faceToFace.making")}>{t("faceToFace.make")}</BusyButton>
      </form>
      <SubmitOutcome submit={paying} />
      {code ? (
        <div>
          <p>{t("faceToFace.show")}</p>
          <div className="qr" role="img" aria-label={t("faceToFace.qr")} dangerouslySetInnerHTML={{ __html: qrSvg(code) }} />
          <label htmlFor={shownId}>{t("faceToFace.codeToShow")}</label>
          <textarea id={shownId} readOnly value={code} rows={3} />
        </div>
      ) : null}
      <h3>{t("faceToFace.read")}</h3>
      {camera ? <CameraReader onText={read} onStop={() => setCamera(false)} /> : <button onClick={() => setCamera(true)}>{t("faceToFace.scan")}</button>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          read(pasted);
        }}
      >
        <label htmlFor={pastedId}>{t("faceToFace.paste")}</label>
        <textarea id={pastedId} value={pasted} onChange={(e) => setPasted(e.target.value)} rows={3} />
        <BusyButton submit={reading} busyLabel={t("faceToFace.reading")}>{t("faceToFace.readIt")}</BusyButton>
      </form>
      <SubmitOutcome submit={reading} failed={(reason) => reason} />
    </section>
  );
}
