import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { readKeepalivedConfig } from "../../../../core/parse/keepalived/config.ts";
import {
  applyConditional,
  expandBraces,
  includesOf,
  matchGlob,
} from "../../../../core/parse/keepalived/config-sources.ts";

const MAIN = "/etc/keepalived/keepalived.conf";
const read = (files: Record<string, string>, configId?: string) =>
  readKeepalivedConfig(
    { main: MAIN, files: new Map(Object.entries(files)) },
    configId === undefined ? {} : { configId },
  );

describe("include, as keepalived 2.2.7 follows it", () => {
  it("globs relative to the including file's directory, nested, in sorted order, at the include's place", () => {
    const config = read({
      [MAIN]: "include conf.d/*.conf\nvrrp_instance LAST {\n priority 9\n}\n",
      "/etc/keepalived/conf.d/b.conf": "vrrp_instance B {\n include ../vips/b.inc\n}\n",
      "/etc/keepalived/conf.d/a.conf": "vrrp_instance A {\n priority 10\n}\n",
      "/etc/keepalived/conf.d/.hidden.conf": "vrrp_instance HIDDEN {\n}\n",
      "/etc/keepalived/conf.d/a.conf.bak": "vrrp_instance BAK {\n}\n",
      "/etc/keepalived/vips/b.inc": " priority 20\n virtual_ipaddress {\n  192.0.2.20/24\n }\n",
    });
    expect(config.vrrpInstances.map((i) => [i.name, i.priority, i.sourceFile, i.lineNo])).toEqual([
      ["A", 10, "/etc/keepalived/conf.d/a.conf", 1],
      ["B", 20, "/etc/keepalived/conf.d/b.conf", 1],
      ["LAST", 9, MAIN, 2],
    ]);
    expect(config.vrrpInstances[1]?.virtualIps).toEqual([
      { address: "192.0.2.20", prefixLength: 24, sourceFile: "/etc/keepalived/vips/b.inc", lineNo: 3 },
    ]);
    expect(config.files).toEqual([
      MAIN,
      "/etc/keepalived/conf.d/a.conf",
      "/etc/keepalived/conf.d/b.conf",
      "/etc/keepalived/vips/b.inc",
    ]);
    expect(config.includes[0]).toEqual({
      file: MAIN,
      lineNo: 1,
      pattern: "conf.d/*.conf",
      resolved: "/etc/keepalived/conf.d/*.conf",
      files: ["/etc/keepalived/conf.d/a.conf", "/etc/keepalived/conf.d/b.conf"],
    });
  });

  it("records an include that matches nothing and goes on, as keepalived warns and goes on", () => {
    const config = read({ [MAIN]: "include /etc/keepalived/none/*.conf\nvrrp_instance V {\n}\n" });
    expect(config.includes).toMatchObject([{ resolved: "/etc/keepalived/none/*.conf", files: [] }]);
    expect(config.vrrpInstances).toHaveLength(1);
  });

  it("takes the rest of the line as the pattern, blanks and quotes included, as keepalived does", () => {
    const files = {
      [MAIN]: 'include a b/*.conf\ninclude "a b/*.conf"\n',
      "/etc/keepalived/a b/v.conf": "vrrp_instance V {\n}\n",
    };
    const config = read(files);
    expect(config.includes.map((include) => [include.resolved, include.files])).toEqual([
      ["/etc/keepalived/a b/*.conf", ["/etc/keepalived/a b/v.conf"]],
      ['/etc/keepalived/"a b/*.conf"', []],
    ]);
    expect(config.vrrpInstances).toHaveLength(1);
  });

  it("stops at a file that includes itself", () => {
    const config = read({ [MAIN]: "include keepalived.conf\nvrrp_instance V {\n}\n" });
    expect(config.vrrpInstances).toHaveLength(1);
    expect(config.includesNotFollowed).toEqual([
      { file: MAIN, lineNo: 1, reason: `${MAIN} includes itself` },
    ]);
  });

  it("names the file of a statement it refuses", () => {
    let error: unknown;
    try {
      read({
        [MAIN]: "include x.conf\n",
        "/etc/keepalived/x.conf": "vrrp_instance V {\n priority high\n}\n",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).file).toBe("/etc/keepalived/x.conf");
    expect((error as ParseError).line).toBe(2);
  });

  it("matches globs as glob(3) with GLOB_BRACE does", () => {
    const files = ["/a/x.conf", "/a/y.conf", "/a/.z.conf", "/a/sub/w.conf", "/a/x1.conf"];
    expect(matchGlob("/a/*.conf", files)).toEqual(["/a/x.conf", "/a/x1.conf", "/a/y.conf"]);
    expect(matchGlob("/a/.*.conf", files)).toEqual(["/a/.z.conf"]);
    expect(matchGlob("/a/x?.conf", files)).toEqual(["/a/x1.conf"]);
    expect(matchGlob("/a/[xy].conf", files)).toEqual(["/a/x.conf", "/a/y.conf"]);
    expect(matchGlob("/a/[!x].conf", files)).toEqual(["/a/y.conf"]);
    // Each brace alternative is globbed (and sorted) on its own, in the braces' order.
    expect(matchGlob("/a/{x,sub/w}.conf", files)).toEqual(["/a/x.conf", "/a/sub/w.conf"]);
    expect(matchGlob("/a/*/*.conf", files)).toEqual(["/a/sub/w.conf"]);
    expect(expandBraces("a{b,c{d,e}}f")).toEqual(["abf", "acdf", "acef"]);
  });
});

describe("@ID lines (keepalived -i, default the node name)", () => {
  it("keeps @ID for that id and @^ID for any other", () => {
    expect(applyConditional("  @lb1 priority 150", "lb1")).toBe("priority 150");
    expect(applyConditional("@lb1 priority 150", "lb2")).toBeUndefined();
    expect(applyConditional("@^lb1 priority 100", "lb2")).toBe("priority 100");
    expect(applyConditional("@^lb1 priority 100", "lb1")).toBeUndefined();
    expect(applyConditional("@lb1", "lb1")).toBeUndefined();
    // No id known: as keepalived with none.
    expect(applyConditional("@lb1 x", undefined)).toBeUndefined();
    expect(applyConditional("@^lb1 x", undefined)).toBe("x");
  });

  it("reads the priority and includes of this node only", () => {
    const files = {
      [MAIN]: "@lb2 include lb2.conf\nvrrp_instance V {\n @lb1 priority 150\n @^lb1 priority 100\n}\n",
      "/etc/keepalived/lb2.conf": "vrrp_instance ONLY_LB2 {\n}\n",
    };
    expect(read(files, "lb1").vrrpInstances.map((i) => [i.name, i.priority])).toEqual([["V", 150]]);
    expect(read(files, "lb2").vrrpInstances.map((i) => [i.name, i.priority])).toEqual([
      ["ONLY_LB2", undefined],
      ["V", 100],
    ]);
    expect(read(files, "lb1").conditional).toEqual({ configId: "lb1", lines: 3 });
    expect(includesOf(MAIN, files[MAIN], { configId: "lb2" })).toEqual(["/etc/keepalived/lb2.conf"]);
    expect(includesOf(MAIN, files[MAIN], { configId: "lb1" })).toEqual([]);
  });
});

describe("forms keepalived accepts", () => {
  it("reads top-level track_file and vrrp_track_file alike, with instance weights", () => {
    const config = read({
      [MAIN]: `track_file maint {
    file "/run/keepalived/maint file"
    weight -10
}
vrrp_track_file old { file /run/old }
vrrp_script chk { script "/usr/bin/pgrep -x haproxy"
  weight 5 }
vrrp_instance VI_1 {
    track_file {
        maint weight -20
        old
    }
    track_script { chk }
    some_future_keyword 1 2 3
    some_future_block {
        nested { deeper }
    }
    authentication { auth_type PASS
      auth_pass "s3cr et" }
}
frobnicate { a b }
`,
    });
    expect(config.trackFiles.map((t) => [t.name, t.file, t.weight, t.lineNo])).toEqual([
      ["maint", "/run/keepalived/maint file", -10, 1],
      ["old", "/run/old", undefined, 5],
    ]);
    expect(config.vrrpInstances[0]?.trackFiles.map((t) => [t.name, t.weight])).toEqual([
      ["maint", -20],
      ["old", undefined],
    ]);
    expect(config.vrrpScripts[0]).toMatchObject({
      name: "chk",
      script: "/usr/bin/pgrep -x haproxy",
      weight: 5,
    });
    // keepalived ignores the '{' of a block it does not know and reads its lines as the instance's:
    // the first '}' (after "deeper") ends VI_1, so authentication is not the instance's any more.
    expect(config.unknownKeywords.map((u) => u.keyword)).toEqual([
      "some_future_keyword",
      "some_future_block",
      "nested",
      "deeper",
      "frobnicate",
    ]);
    expect(config.vrrpInstances[0]?.authType).toBeUndefined();
    expect(config.ignored.map((i) => i.reason)).toEqual([
      expect.stringContaining("its first '}' ends vrrp_instance VI_1"),
    ]);
    expect(config.redactedSecrets).toBe(1);
    expect(JSON.stringify(config)).not.toContain("s3cr");
  });
});
