/**
 * Points for a tiny SVG polyline: values spread evenly across the width, 0 at the bottom and
 * `ceiling` at the top, so two lines drawn with the same ceiling compare at a glance.
 */
export function sparklinePoints(
  values: readonly number[],
  ceiling: number,
  size: { width: number; height: number },
): string {
  if (values.length === 0) return "";
  const top = ceiling > 0 ? ceiling : 1;
  const step = values.length > 1 ? size.width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const clamped = Math.min(Math.max(value, 0), top);
      const y = size.height - (clamped / top) * size.height;
      return `${round(index * step)},${round(y)}`;
    })
    .join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
