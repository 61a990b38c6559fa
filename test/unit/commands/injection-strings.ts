/** Hostile inputs every validator and builder must refuse, and the quoting function must neuter. */
export const INJECTION_STRINGS = [
  "; rm -rf /",
  "192.0.2.1:80; rm -rf /",
  "$(id)",
  "192.0.2.1:$(id)",
  "`id`",
  "192.0.2.1:80`touch /tmp/pwned`",
  "192.0.2.1:80\nid",
  "192.0.2.1:80\r\nid",
  "a'b",
  "a\"b",
  "' || true '",
  "192.0.2.1:80 && id",
  "192.0.2.1:80|id",
  "192.0.2.1:80 > /etc/passwd",
  "-w 0",
  "--help",
  "../../etc/passwd",
  "be_app/srv1;shutdown sessions server be/srv",
  "be_app;show info",
  "192.0.2.1:８０", // fullwidth digits
  "１92.0.2.1:80", // fullwidth digit one
  "192.0.2.1：80", // fullwidth colon
  "be\u200bapp", // zero-width space
  "bе_app", // Cyrillic е
  "192.0.2.1:80\u0000",
  "${IFS}id",
  "*",
  "",
] as const;
