// Words typed in a search box, as a French full-text query that ignores accents and case (see the SearchPlans migration).

/** Turns what a person typed into a prefix tsquery: "économie soli" -> "économie:* & soli:*"; null when no word. */
export function searchQuery(text: string): string | null {
  const words = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0).slice(0, 12);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/** The SQL condition on a table's `search` column for the words typed, with its parameter (null when no word). */
export function searchCondition(alias: string, text: string | null | undefined): [string, { search: string }] | null {
  const tsquery = text == null ? null : searchQuery(text);
  return tsquery ? [`${alias}.search @@ to_tsquery('plans.french_unaccent', :search)`, { search: tsquery }] : null;
}
