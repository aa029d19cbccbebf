// The département a local authority's SIRET names: INSEE numbers communes 21 + COG code (21 30 0 189 x is Nîmes, 30189)
// and départements 22 + their code (22 30 0001 x is the Gard), so a buyer's SIRET alone can say it belongs elsewhere.

/** The département of a commune's or a département's SIRET, or null when the SIREN says nothing of it (other buyers, Corsica). */
export function departmentOfPublicSiret(siret: string): string | null {
  if (!/^2[12]\d{12}$/.test(siret)) return null;
  const code = siret.slice(2, 4);
  // overseas: 97 and one more digit (971 to 976); Corsica's 20 does not tell 2A from 2B
  if (code === '97') return siret.slice(2, 5);
  return code === '20' || code === '00' ? null : code;
}
