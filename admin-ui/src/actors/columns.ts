// The optional columns of the actor list and the person's choice, kept in this browser (localStorage).
import { useCallback, useState } from 'react';

export const COLUMNS = ['siret', 'legalFamily', 'commune', 'authority', 'inclusionType', 'labels', 'networks', 'sectors', 'updatedAt'] as const;
export type ColumnKey = (typeof COLUMNS)[number];
export const DEFAULT_COLUMNS: readonly ColumnKey[] = ['legalFamily', 'commune', 'authority', 'inclusionType', 'networks'];

const STORAGE_KEY = 'ess.actors.columns';

function stored(): ColumnKey[] | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (!value) return null;
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? COLUMNS.filter((column) => parsed.includes(column)) : null;
  } catch {
    return null;
  }
}

export function useColumns(): [readonly ColumnKey[], (column: ColumnKey, shown: boolean) => void] {
  const [columns, setColumns] = useState<readonly ColumnKey[]>(() => stored() ?? DEFAULT_COLUMNS);
  const toggle = useCallback((column: ColumnKey, shown: boolean) => {
    setColumns((current) => {
      const next = COLUMNS.filter((key) => (key === column ? shown : current.includes(key)));
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private browsing: the choice lasts for this page only.
      }
      return next;
    });
  }, []);
  return [columns, toggle];
}
