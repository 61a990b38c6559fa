import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { redactKeepalivedText } from "../../../../core/parse/keepalived/data-dump.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), "utf8");

describe("redactKeepalivedText", () => {
  it("masks the password of the real dump and keeps everything else", () => {
    const text = fixture("master.data");
    const redacted = redactKeepalivedText(text);
    expect(text).toContain("Fk7s3cr1");
    expect(redacted).not.toContain("Fk7s3cr1");
    expect(redacted).toContain("   Password = <redacted>\n");
    expect(redacted).toContain("   Authentication type = SIMPLE_PASSWORD\n");
    expect(redacted.split("\n")).toHaveLength(text.split("\n").length);
    expect(redacted.replace("<redacted>", "Fk7s3cr1")).toBe(text);
  });

  it("masks auth_pass in the real keepalived.conf used for the capture", () => {
    const conf = fixture("node1-keepalived.conf");
    expect(conf).toContain("auth_pass Fk7s3cr1");
    const redacted = redactKeepalivedText(conf);
    expect(redacted).toContain("        auth_pass <redacted>");
    expect(redacted).not.toContain("Fk7s3cr1");
    expect(redacted).toContain("auth_type PASS");
  });

  it("masks auth_data in keepalived.json, SSL passwords and authentication data lines", () => {
    const json = '{"iname":"VI_1","auth_type":1,"auth_data":"Fk7s3cr1","state":2}';
    expect(redactKeepalivedText(json)).toBe('{"iname":"VI_1","auth_type":1,"auth_data":"<redacted>","state":2}');
    expect(redactKeepalivedText(" Password : sslKeyPw9")).toBe(" Password : <redacted>");
    expect(redactKeepalivedText("   Authentication data = 0xdeadbeef")).toBe("   Authentication data = <redacted>");
  });

  it("is idempotent", () => {
    const once = redactKeepalivedText(fixture("exporter-unicast.data"));
    expect(redactKeepalivedText(once)).toBe(once);
    expect(once.match(/<redacted>/g)).toHaveLength(3);
  });
});
