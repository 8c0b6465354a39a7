/** The current time, re-read every `everyMs` so durations and countdowns on screen keep moving. */
import { useEffect, useState } from 'react';

export function useNow(everyMs: number, offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now + offsetMs;
}
