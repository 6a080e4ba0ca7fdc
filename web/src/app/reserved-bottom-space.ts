import { useEffect, type RefObject } from 'react';

const PROPERTY = '--reserved-bottom';

/**
 * While `active`, keeps the CSS variable `--reserved-bottom` on the document equal to the element's height, so
 * the page can pad its end (and scroll targets their margin) by what a bar fixed at the bottom covers.
 */
export function useReservedBottomSpace(ref: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const element = ref.current;
    const root = document.documentElement;
    if (!active || !element) return;
    const update = () => root.style.setProperty(PROPERTY, `${Math.ceil(element.getBoundingClientRect().height)}px`);
    update();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      root.style.removeProperty(PROPERTY);
    };
  }, [ref, active]);
}
