// One submit at a time for a form or a button that writes a record or asks
// the relay: busy while it runs, a second tap while busy is ignored, and the
// person is told the outcome only once it is known (a reason when it failed).
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

export type Outcome = { ok: true; message: string | null } | { ok: false; reason: string };

export interface Submit {
  /** What runs now (the `what` given to run; "" by default), or null when idle. */
  running: string | null;
  busy: boolean;
  /** What the last attempt came to; null before any, or while one runs. */
  outcome: Outcome | null;
  /**
   * Runs the task unless one is running. The task returns what to tell the
   * person when it is done (or nothing); what it throws is the reason shown.
   * Resolves true when the task ran and succeeded.
   */
  run(task: () => Promise<string | void>, what?: string): Promise<boolean>;
  /** A form's onSubmit: no page reload, then run. */
  form(task: () => Promise<string | void>, what?: string): (event: FormEvent) => void;
  /** Forgets the last outcome (the person changed what they are doing). */
  clear(): void;
}

/** The words of an error, as the person reads them. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return text.trim() || "unknown reason";
}

export function useSubmit(): Submit {
  // A ref, not state: two taps in one frame both run before React re-renders.
  const runningNow = useRef(false);
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = useCallback(async (task: () => Promise<string | void>, what = "") => {
    if (runningNow.current) return false;
    runningNow.current = true;
    setRunning(what);
    setOutcome(null);
    try {
      const message = await task();
      setOutcome({ ok: true, message: message || null });
      return true;
    } catch (error) {
      setOutcome({ ok: false, reason: reasonOf(error) });
      return false;
    } finally {
      runningNow.current = false;
      setRunning(null);
    }
  }, []);

  const form = useCallback(
    (task: () => Promise<string | void>, what?: string) => (event: FormEvent) => {
      event.preventDefault();
      void run(task, what);
    },
    [run],
  );
  const clear = useCallback(() => setOutcome(null), []);
  // An outcome is words in the language it was said in: a new language clears it.
  const { i18n } = useTranslation();
  useEffect(() => {
    i18n.on("languageChanged", clear);
    return () => i18n.off("languageChanged", clear);
  }, [i18n, clear]);
  return { running, busy: running !== null, outcome, run, form, clear };
}
