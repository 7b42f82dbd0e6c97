// Polish strings of the coordinators' report of edits to the shared documents.
export const plEdits = {
  edits: {
    title: "Zmiany we wspólnych zapisach",
    intro:
      "Telefony zawsze tylko dodają wpisy. Tu widać wszystko inne, co telefon członka zrobił ze wspólnymi zapisami grupy: kto, kiedy i co. Każdy telefon, który ma usunięty lub nadpisany wpis, przywraca go. Jeśli ktoś robi to uparcie, możesz go usunąć w narzędziach do zarządzania członkami.",
    show: "Pokaż raport",
    asking: "Pytanie serwera…",
    none: "Nikt nie zmienił wspólnych zapisów w sposób, w jaki aplikacja nigdy tego nie robi.",
    index: "spis tomów grupy",
    volume: "tom wpisów {{n}}",
    deleted_one: "usunięto {{count}} pozycję",
    deleted_few: "usunięto {{count}} pozycje",
    deleted_many: "usunięto {{count}} pozycji",
    deleted_other: "usunięto {{count}} pozycji",
    overwrote_one: "nadpisano {{count}} wpis czymś innym",
    overwrote_few: "nadpisano {{count}} wpisy czymś innym",
    overwrote_many: "nadpisano {{count}} wpisów czymś innym",
    overwrote_other: "nadpisano {{count}} wpisu czymś innym",
    reshaped_one: "zastąpiono {{count}} z jego map",
    reshaped_few: "zastąpiono {{count}} z jego map",
    reshaped_many: "zastąpiono {{count}} z jego map",
    reshaped_other: "zastąpiono {{count}} z jego map",
    flood: "wysłano {{mb}} MB w ciągu godziny",
    did: "{{what}} w: {{place}}",
    tried: "próba: {{what}} w: {{place}} (serwer odmówił)",
    failed: "Nie udało się pobrać raportu: {{reason}}",
  },
};
