// Lines of the client's source files that match a pattern, as "path:line: text",
// for tests that keep a rule over every file (dates through Intl, logical CSS).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export const CLIENT_SRC = resolve(import.meta.dirname, "../../client/src");

export function clientLines(fileName: RegExp, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (fileName.test(entry.name)) {
        readFileSync(path, "utf8").split("\n").forEach((line, index) => {
          if (pattern.test(line)) found.push(`${path.slice(CLIENT_SRC.length + 1)}:${index + 1}: ${line.trim()}`);
        });
      }
    }
  };
  walk(CLIENT_SRC);
  return found;
}
