import { useEffect, useState } from 'react';

/** The time now, renewed every `ms`: a "2 min ago" stays true while nothing else re-renders the component. */
export function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}
