// Small rules of the procurement screens: whether an awardee counts as an ESS actor, and the years a buyer picks.

/**
 * A member of the ESS as the registry published it to procurement: the rule the server's indicators use
 * (procurement indicators.service.ts counts ess_member).
 */
export function essAwardee(awardee: { ess?: { essMember: boolean } | null }): boolean {
  return !!awardee.ess?.essMember;
}

/** DECP 2019 is the oldest format the import reads: years from the current one back to 2019. */
export function recentYears(): number[] {
  const list: number[] = [];
  for (let year = new Date().getUTCFullYear(); year >= 2019; year--) list.push(year);
  return list;
}
