// Column helpers shared by the entities.
import type { ValueTransformer } from 'typeorm';

/** numeric columns arrive from pg as strings (to keep precision); amounts here fit a double to the cent. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/** The schema every table of this subgraph lives in. */
export const SCHEMA = 'procurement';
