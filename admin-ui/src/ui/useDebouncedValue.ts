// A value that follows its input once the input has stopped changing for `delayMs`; `flush` applies it at once.
import { useCallback, useEffect, useState } from 'react';

export function useDebouncedValue<T>(value: T, delayMs: number): [debounced: T, flush: (next?: T) => void] {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  const flush = useCallback((next?: T) => setDebounced(next === undefined ? value : next), [value]);
  return [debounced, flush];
}
