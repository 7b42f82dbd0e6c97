import { languageReady } from "./i18n/i18n.ts";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";

// A language that fails to load leaves the app in English rather than blank.
void languageReady.catch(() => undefined).then(() => createRoot(document.getElementById("root") as HTMLElement).render(<App />));
