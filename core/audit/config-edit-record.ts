/**
 * What a config edit changed, as its audit entry keeps it so `fulcrum undo` can set it back: the
 * daemon and file, which server line, the values the line held before and the values the edit set.
 * Plain JSON here (a trust boundary: the log may have been edited); the config-edit family validates
 * every value again (config-edit-record.ts there) before anything is planned from it. A weight of
 * null means no weight was written (the daemon's default, 1).
 */
import { z } from "zod";

const Weight = z.number().int().nonnegative().nullable();

export const ConfigEditTargetRecordSchema = z.discriminatedUnion("daemon", [
  z.object({
    daemon: z.literal("nginx"),
    configPath: z.string(),
    pidFile: z.string(),
    prefix: z.string().optional(),
  }),
  z.object({ daemon: z.literal("keepalived"), configPath: z.string(), pidFile: z.string() }),
]);

export const ConfigEditRecordSchema = z.object({
  target: ConfigEditTargetRecordSchema,
  edit: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("nginx-upstream-server"),
      upstream: z.string(),
      /** "10.0.0.11:8080", "[2001:db8::5]:80" */
      server: z.string(),
      previous: z.object({ weight: Weight, down: z.boolean() }),
      /** Only the fields the edit changed. */
      set: z.object({ weight: Weight.optional(), down: z.boolean().optional() }),
    }),
    z.object({
      kind: z.literal("keepalived-real-server-weight"),
      /** "192.0.2.10:80" */
      virtualServer: z.string(),
      /** "10.0.0.11:80" */
      realServer: z.string(),
      previous: z.object({ weight: Weight }),
      set: z.object({ weight: Weight }),
    }),
  ]),
  /** The file as it was before the edit, kept beside it on the host: the manual way back. */
  backupPath: z.string().optional(),
});

export type ConfigEditRecord = z.infer<typeof ConfigEditRecordSchema>;
