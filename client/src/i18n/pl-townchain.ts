// Polskie teksty łańcuchów miejskich na stronie „Twoje telefony i komputery”.
export const plTownChain = {
  townChain: {
    alsoKey: "To, co widzą inne grupy w puli miejskiej (decyzje, oferty i prośby, płatności między grupami), podpisuje drugim kluczem, {{label}}. Usunięcie telefonu usuwa też ten klucz.",
    title: "Wpisy widoczne dla miasta",
    hint: "Klucz Twojego konta, który podpisuje tylko to, co widzą inne grupy w puli miejskiej: decyzje, oferty i prośby, płatności między grupami.",
    removeKey: "Usuń klucz {{label}}",
    sureKey: "Usunąć klucz {{label}}?",
    yesRemoveKey: "Tak, usuń klucz {{label}}",
    removedKey: "Klucz {{label}} został usunięty.",
  },
};
