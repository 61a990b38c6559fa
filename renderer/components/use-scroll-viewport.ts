/**
 * The scroll position and height of a scrolling element, for windowed tables: updated at most once
 * per frame while the operator scrolls, and when the element is resized.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export interface ScrollViewport {
  scrollTop: number;
  height: number;
}

export function useScrollViewport<E extends HTMLElement>(): {
  ref: React.RefObject<E | null>;
  viewport: ScrollViewport;
  onScroll: () => void;
} {
  const ref = useRef<E | null>(null);
  const frame = useRef<number | undefined>(undefined);
  const [viewport, setViewport] = useState<ScrollViewport>({ scrollTop: 0, height: 800 });

  const measure = useCallback(() => {
    frame.current = undefined;
    const element = ref.current;
    if (!element) return;
    setViewport((previous) =>
      previous.scrollTop === element.scrollTop && previous.height === element.clientHeight
        ? previous
        : { scrollTop: element.scrollTop, height: element.clientHeight },
    );
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current === undefined) frame.current = requestAnimationFrame(measure);
  }, [measure]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => {
      observer.disconnect();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
  }, [measure]);

  return { ref, viewport, onScroll };
}
