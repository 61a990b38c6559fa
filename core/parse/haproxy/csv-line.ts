/**
 * One line of HAProxy's CSV (`show stat`). HAProxy quotes a text field only when it holds a comma,
 * a double quote or a line break (csv_enc() in src/tools.c), doubling inner quotes: RFC 4180.
 * Returns undefined when a quote is left open (a truncated line).
 */
// `be_app,s1,...,"Layer7 wrong status, ""503""",...`
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else {
      field += char;
    }
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
