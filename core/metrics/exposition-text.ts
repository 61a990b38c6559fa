/**
 * The Prometheus text exposition format, version 0.0.4 (what every Prometheus scrapes):
 *
 *   # HELP <name> <help, with \ and newline escaped>
 *   # TYPE <name> counter|gauge
 *   <name>{<label>="<value, with \ " and newline escaped>",...} <value>
 *
 * one block per family, each family's samples together. Values are written as given: counters
 * are exact u64 decimal text (Prometheus reads them into a float64, so a counter above 2^53 loses
 * its last digits there, not here). Pure.
 */

export type MetricType = "counter" | "gauge";

export type Labels = Readonly<Record<string, string>>;

export type MetricSample = { labels: Labels; value: string };

export type MetricFamily = {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A Go float as Prometheus parses it: an integer or decimal, or one of the special words. */
const SAMPLE_VALUE = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Inf|NaN)$/;

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function labelText(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length === 0) return "";
  return `{${names.map((name) => `${name}="${escapeLabelValue(labels[name] ?? "")}"`).join(",")}}`;
}

/** Throws on a name or value the format cannot carry: a bug in the code that built the family. */
export function writeExposition(families: readonly MetricFamily[]): string {
  const out: string[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) throw new Error(`invalid metric name ${JSON.stringify(family.name)}`);
    if (family.samples.length === 0) continue;
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    out.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      for (const name of Object.keys(sample.labels)) {
        if (!LABEL_NAME.test(name) || name.startsWith("__"))
          throw new Error(`invalid label name ${JSON.stringify(name)} on ${family.name}`);
      }
      if (!SAMPLE_VALUE.test(sample.value))
        throw new Error(`invalid sample value ${JSON.stringify(sample.value)} on ${family.name}`);
      out.push(`${family.name}${labelText(sample.labels)} ${sample.value}`);
    }
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}
