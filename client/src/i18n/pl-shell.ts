// Polish strings of a group's tabs, the join page's title and sharing an
// invite; machine-made from en-shell.ts, they want a native speaker's review.
export const plShell = {
  shell: {
    nav: "Grupa",
    tabs: { home: "Start", listings: "Oferty i prośby", record: "Zapisz", members: "Członkowie", me: "Ja", coordinate: "Koordynacja" },
    waiting_one: "{{tab}}, {{count}} czeka",
    waiting_few: "{{tab}}, {{count}} czekają",
    waiting_many: "{{tab}}, {{count}} czeka",
    waiting_other: "{{tab}}, {{count}} czeka",
    nothingNeedsYou: "Teraz nic na Ciebie nie czeka.",
    joinRequests_one: "{{count}} osoba prosi o dołączenie",
    joinRequests_few: "{{count}} osoby proszą o dołączenie",
    joinRequests_many: "{{count}} osób prosi o dołączenie",
    joinRequests_other: "{{count}} osoby prosi o dołączenie",
    onlyCoordinators: "Ta karta jest dla koordynatorów grupy.",
    me: {
      title: "Ty: {{name}}",
      profile: "Mój profil",
      account: "Moje konto: kod odzyskiwania i inne telefony",
    },
    joinNamed: "Dołącz do: {{group}}",
    invite: {
      copy: "Skopiuj link",
      share: "Udostępnij link",
      copied: "Skopiowano. Wklej go w wiadomości do osoby, którą zapraszasz.",
      shared: "Udostępniono.",
      notCopied: "Ta przeglądarka nie skopiowała linku: zaznacz go i skopiuj ręcznie.",
      shareTitle: "Dołącz do grupy {{group}} w Tally",
      shareText: "Zapraszamy do grupy {{group}}, banku czasu: godzina pomocy to jeden kredyt czasu.",
    },
  },
};
