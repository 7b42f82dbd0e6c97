// The shape every language's strings share: nested groups of strings. The
// keys must match English's; i18n/translations.test.ts checks that (a type
// here would make every untranslated English string a build error).
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}
