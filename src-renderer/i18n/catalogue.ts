/** A catalogue entry: a template, or plural forms picked by `Intl.PluralRules`. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type CatalogueEntry = string | PluralForms;
