export interface BoundedLabelOptions {
  /** Values that pass this test are kept as they are (up to `maxDistinct`); others become "invalid". */
  pattern: RegExp;
  /** Distinct values kept before later new ones become "other". @default 100 */
  maxDistinct?: number;
}

/**
 * Turns client-chosen text (operation names, error codes) into a label value with a bounded number
 * of values: every distinct label value is a time series Prometheus keeps, so a client sending
 * random names must not be able to grow the gateway's memory or the scraper's without end.
 */
export function createBoundedLabel(options: BoundedLabelOptions): (value: string) => string {
  const maxDistinct = options.maxDistinct ?? 100;
  // Only ever grows to maxDistinct entries; shared across requests by design, as the series are.
  const kept = new Set<string>();
  return (value) => {
    if (!options.pattern.test(value)) return "invalid";
    if (kept.has(value)) return value;
    if (kept.size >= maxDistinct) return "other";
    kept.add(value);
    return value;
  };
}
