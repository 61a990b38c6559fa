/**
 * Text the core wrote in English (plan warnings, refusals, results, ssh's own errors): shown as it
 * is, marked lang="en" so screen readers and the zh-CN completeness test know it is not the
 * console's own words. In Chinese the translated meaning of the code comes first, then this.
 */
export function CoreText(props: { text: string; testId?: string }) {
  return (
    <span className="core-text" lang="en" data-core-text="" data-testid={props.testId}>
      {props.text}
    </span>
  );
}
