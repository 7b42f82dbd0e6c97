// The two fields every exchange form asks: how long, and what was done.
import { useTranslation } from "react-i18next";
import { MAX_TEXT_CHARS } from "@tally/core";
import { HoursInput } from "./HoursInput.tsx";

interface Props {
  amount: string;
  onAmount: (hours: string) => void;
  description: string;
  onDescription: (text: string) => void;
}

export function HowLongAndWhat({ amount, onAmount, description, onDescription }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t("record.howLong")}
        <HoursInput value={amount} onChange={onAmount} />
      </label>
      <label>
        {t("record.what")}
        <input required maxLength={MAX_TEXT_CHARS} value={description} onChange={(e) => onDescription(e.target.value)} />
      </label>
    </>
  );
}
