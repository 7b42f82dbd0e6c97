// A tool behind a heading button: a coordinator's page stays short, and what
// a tool lists (titles, names) is on the page only while it is open.
import { useId, useState, type ReactNode } from "react";

export function Disclosure({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="tool">
      <h3>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span> {title}
        </button>
      </h3>
      <div id={id} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}
