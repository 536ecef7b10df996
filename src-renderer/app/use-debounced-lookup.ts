/**
 * A search-as-you-type lookup for a picker (the two merge dialogs): asks
 * `lookup` once typing pauses, drops answers to text that has changed since,
 * and keeps the last list and the last error.
 */
import { useEffect, useState } from 'react';
import type { DeskError, Result } from '../../src-preload/api.ts';

const LOOKUP_DEBOUNCE_MS = 150;

export interface Lookup<T> {
  /** Null until the first answer. */
  found: T[] | null;
  error: DeskError | null;
  setError(error: DeskError | null): void;
}

/** `lookup` must keep its identity while its inputs do (useCallback), or every render asks again. */
export function useDebouncedLookup<T>(text: string, ready: boolean, lookup: (text: string) => Promise<Result<T[]>>): Lookup<T> {
  const [found, setFound] = useState<T[] | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  useEffect(() => {
    if (!ready) return;
    let stale = false;
    const timer = setTimeout(() => {
      void lookup(text).then((result) => {
        if (stale) return;
        if (result.ok) {
          setFound(result.value);
          setError(null);
        } else setError(result.error);
      });
    }, LOOKUP_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, ready, lookup]);
  return { found, error, setError };
}
