/** The wall clock, re-read every second while `running`, for ages that must grow on screen ("stale · 42 s old"). */
import { useEffect, useState } from "react";

export function useClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
