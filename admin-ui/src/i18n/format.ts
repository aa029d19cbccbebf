// Numbers, amounts and dates in a catalogue's locale (fr-FR: "1 234,5 €", "3 mars 2026"; en-GB: "€1,234.50", "3 March 2026").

export interface Formatters {
  /** The BCP 47 locale of the catalogue (for formats made on the spot, e.g. a chart's date labels). */
  locale: string;
  integer: Intl.NumberFormat;
  /** A ratio from 0 to 1 as a percentage (use `percent.format(value / 100)` for a value given from 0 to 100). */
  percent: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  /** An amount in euros, cents only when there are some. */
  euros(amount: number): string;
  /** A calendar date ("2026-03-03" or an ISO date-time). */
  date(value: string): string;
  dateTime(value: string): string;
  /** The singular or the plural by the locale's rule (French: 0 and 1 take the singular; English: only 1). */
  plural(count: number, one: string, many: string): string;
}

export function makeFormat(locale: string): Formatters {
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const wholeEuros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const pluralRules = new Intl.PluralRules(locale);
  return {
    locale,
    integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
    decimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
    euros: (amount) => (Number.isInteger(amount) ? wholeEuros : euros).format(amount),
    // A bare date is a calendar day: read it at UTC so that it never shifts by the browser's time zone.
    date: (value) => date.format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value)),
    dateTime: (value) => dateTime.format(new Date(value)),
    plural: (count, one, many) => (pluralRules.select(count) === 'one' ? one : many),
  };
}
