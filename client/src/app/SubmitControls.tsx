// The parts of a submit every page shares: a button that says it is busy and
// cannot be pressed again meanwhile, and the outcome said once it is known
// (role=status when done, role=alert with the reason when not).
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSubmit, type Submit } from "./use-submit.ts";

interface BusyButtonProps {
  submit: Submit;
  /** What it says while its task runs, e.g. "Recording…". */
  busyLabel: string;
  children: ReactNode;
  /** Which of several buttons sharing one submit this is (as given to run). */
  what?: string;
  type?: "submit" | "button";
  value?: string;
  className?: string;
  onClick?: () => void;
}

export function BusyButton({ submit, busyLabel, children, what = "", type = "submit", value, className, onClick }: BusyButtonProps) {
  const mine = submit.running === what;
  return (
    <button type={type} value={value} className={className} disabled={submit.busy} aria-busy={mine} onClick={onClick}>
      {mine ? busyLabel : children}
    </button>
  );
}

/** The last outcome of a submit; `failed` turns the reason into a sentence (default: "This was not recorded: …"). */
export function SubmitOutcome({ submit, failed }: { submit: Submit; failed?: (reason: string) => string }) {
  const { t } = useTranslation();
  const outcome = submit.outcome;
  if (!outcome) return null;
  if (!outcome.ok) return <p role="alert" className="problem">{failed ? failed(outcome.reason) : t("submit.failed", { reason: outcome.reason })}</p>;
  return outcome.message ? <p role="status">{outcome.message}</p> : null;
}

/** One button that does one thing (confirm, close, make coordinator), with its own busy state and outcome. */
export function ActionButton({ action, label, busyLabel, className }: { action: () => Promise<string | void>; label: string; busyLabel: string; className?: string }) {
  const submit = useSubmit();
  return (
    <>
      <BusyButton submit={submit} type="button" busyLabel={busyLabel} className={className} onClick={() => void submit.run(action)}>
        {label}
      </BusyButton>
      <SubmitOutcome submit={submit} />
    </>
  );
}
