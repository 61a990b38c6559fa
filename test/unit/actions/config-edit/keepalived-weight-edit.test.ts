import { describe, expect, it } from "vitest";
import {
  editKeepalivedRealServerWeight,
  type KeepalivedRealServerRef,
} from "../../../../core/actions/config-edit/keepalived-weight-edit.ts";
import { ipvsWeight } from "../../../../core/commands/validated.ts";

const CONFIG = `vrrp_instance VI_1 {
    interface eth0
    authentication {
        auth_type PASS
        auth_pass weight99
    }
}

virtual_server 192.0.2.10 80 {
    lb_algo wrr
    real_server 10.0.0.11 80 {
        weight 2   # was 3
        TCP_CHECK { connect_timeout 3 }
    }
    real_server 10.0.0.12 80
    {
\t\tinhibit_on_failure
    }
    real_server 10.0.0.13 80 { weight 1 }
}
virtual_server 192.0.2.10 443 {
    real_server 10.0.0.11 80 {
    }
}
`;

const ref = (realAddress: string, realPort = 80, virtualPort = 80): KeepalivedRealServerRef => ({
  virtualAddress: "192.0.2.10",
  virtualPort,
  realAddress,
  realPort,
});

function withLine(text: string, lineNo: number, line: string): string {
  const lines = text.split("\n");
  lines[lineNo - 1] = line;
  return lines.join("\n");
}

function insertLine(text: string, afterLineNo: number, line: string): string {
  const lines = text.split("\n");
  lines.splice(afterLineNo, 0, line);
  return lines.join("\n");
}

describe("editKeepalivedRealServerWeight", () => {
  it("rewrites the number of an existing weight line, keeping its comment and spacing", () => {
    expect(editKeepalivedRealServerWeight(CONFIG, ref("10.0.0.11"), ipvsWeight(0))).toEqual({
      ok: true,
      text: withLine(CONFIG, 12, "        weight 0   # was 3"),
    });
  });

  it("inserts a weight line after a lone '{', indented like the block's first statement", () => {
    expect(editKeepalivedRealServerWeight(CONFIG, ref("10.0.0.12"), ipvsWeight(5))).toEqual({
      ok: true,
      text: insertLine(CONFIG, 16, "\t\tweight 5"),
    });
  });

  it("inserts into an empty block one level deeper than real_server", () => {
    expect(editKeepalivedRealServerWeight(CONFIG, ref("10.0.0.11", 80, 443), ipvsWeight(4))).toEqual({
      ok: true,
      text: insertLine(CONFIG, 22, "        weight 4"),
    });
  });

  it("never touches the auth_pass line, even when its secret looks like a weight", () => {
    const result = editKeepalivedRealServerWeight(CONFIG, ref("10.0.0.11"), ipvsWeight(7));
    expect(result.ok && result.text.split("\n")[4]).toBe("        auth_pass weight99");
  });

  it("refuses a one-line block rather than rewrite a shared line", () => {
    expect(editKeepalivedRealServerWeight(CONFIG, ref("10.0.0.13"), ipvsWeight(2))).toMatchObject({
      ok: false,
      code: "edit-by-hand",
      reason: expect.stringContaining("not a simple `weight N` line"),
    });
  });

  it("refuses missing services and servers, and says when includes were not followed", () => {
    expect(
      editKeepalivedRealServerWeight(
        CONFIG,
        { ...ref("10.0.0.11"), virtualAddress: "192.0.2.99" },
        ipvsWeight(1),
      ),
    ).toEqual({
      ok: false,
      code: "service-not-found",
      reason: "no virtual_server 192.0.2.99 80 in this file",
    });
    const included = `include /etc/keepalived/conf.d/*.conf\n${CONFIG}`;
    expect(editKeepalivedRealServerWeight(included, ref("10.0.0.99"), ipvsWeight(1))).toMatchObject({
      ok: false,
      code: "backend-not-found",
      reason: expect.stringMatching(/no real_server 10\.0\.0\.99 80 .*include lines/),
    });
  });

  it("refuses duplicates of the service, of the server and of its weight line", () => {
    const twice = `${CONFIG}virtual_server 192.0.2.10 80 {\n}\n`;
    expect(editKeepalivedRealServerWeight(twice, ref("10.0.0.11"), ipvsWeight(1))).toMatchObject({
      ok: false,
      code: "edit-by-hand",
      reason: expect.stringContaining("appears 2 times"),
    });
    const doubleWeight = CONFIG.replace("weight 2   # was 3", "weight 2\n        weight 3");
    expect(editKeepalivedRealServerWeight(doubleWeight, ref("10.0.0.11"), ipvsWeight(1))).toMatchObject({
      ok: false,
      code: "edit-by-hand",
      reason: expect.stringContaining("2 weight lines"),
    });
  });

  it("refuses a block with @config-id lines and a file it cannot parse", () => {
    const conditional = CONFIG.replace("weight 2   # was 3", "@node1 weight 2");
    expect(editKeepalivedRealServerWeight(conditional, ref("10.0.0.11"), ipvsWeight(1))).toMatchObject({
      ok: false,
      code: "edit-by-hand",
      reason: expect.stringContaining("@config-id"),
    });
    expect(
      editKeepalivedRealServerWeight("virtual_server 192.0.2.10 80 {\n", ref("10.0.0.11"), ipvsWeight(1)),
    ).toMatchObject({
      ok: false,
      code: "edit-by-hand",
      reason: expect.stringContaining("cannot read keepalived.conf"),
    });
  });

  it("matches addresses canonically (IPv6 written long-hand)", () => {
    const v6 =
      "virtual_server 2001:db8::10 80 {\n    real_server 2001:0db8:0:0::11 80 {\n        weight 1\n    }\n}\n";
    const result = editKeepalivedRealServerWeight(
      v6,
      { virtualAddress: "2001:db8::10", virtualPort: 80, realAddress: "2001:db8::11", realPort: 80 },
      ipvsWeight(9),
    );
    expect(result).toEqual({ ok: true, text: v6.replace("weight 1", "weight 9") });
  });
});
