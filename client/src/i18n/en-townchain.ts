// English strings of town chains on "Your phones and computers": the second
// key each phone signs what a town pool can see with (PROTOCOL §12.9).
export const enTownChain = {
  townChain: {
    alsoKey: "It signs what other groups in a town pool can see (decisions, offers and requests, payments across groups) with a second key, {{label}}. Removing the phone removes that key too.",
    title: "Records the town can see",
    hint: "A key of your account that signs only what other groups in a town pool can see: decisions, offers and requests, payments across groups.",
    removeKey: "Remove key {{label}}",
    sureKey: "Remove key {{label}}?",
    yesRemoveKey: "Yes, remove key {{label}}",
    removedKey: "Key {{label}} is removed.",
  },
};
