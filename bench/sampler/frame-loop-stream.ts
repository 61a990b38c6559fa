/**
 * The remote side of the scale run: a small POSIX sh loop that prints pre-generated frame bodies
 * (frame-bodies.ts) once a second under a header carrying its own sequence and the host's real
 * /proc/uptime, so the host side costs a few forks per frame and the app side is what is measured.
 * It stops by itself after maxFrames, and by SIGPIPE (or the failed printf) when the channel closes.
 *
 * The stream is opened as core/live/ssh-stream.ts opens the production sampler: connect, one exec
 * channel running `/bin/sh -s`, the program on stdin.
 */
import type { ChunkStream, OpenChunkStream } from "../../core/live/chunk-stream.ts";
import { shellQuote } from "../../core/commands/shell-quote.ts";
import type { HostSession } from "../../core/ssh/session.ts";

export interface FrameLoopOptions {
  /** Folder on the host with caps.txt and body-0.txt ... body-(bodies-1).txt. */
  dataDir: string;
  bodies: number;
  maxFrames: number;
}

export function frameLoopProgram(options: FrameLoopOptions): string {
  return `d=${shellQuote(options.dataDir)}
cat "$d/caps.txt" || exit 141
seq=0
while [ "$seq" -lt ${options.maxFrames} ]; do
  seq=$((seq + 1))
  read -r up idle < /proc/uptime
  printf '==FULCRUM-FRAME seq=%d uptime=%s epoch=%s==\\n' "$seq" "$up" "$(date +%s)" || exit 141
  cat "$d/body-$(((seq - 1) % ${options.bodies})).txt" || exit 141
  printf '==END seq=%d==\\n' "$seq" || exit 141
  sleep 1
done
`;
}

export function openFrameLoopStream(session: HostSession, options: FrameLoopOptions): OpenChunkStream {
  const program = frameLoopProgram(options);
  return async (): Promise<ChunkStream> => {
    await session.connect();
    const stream = await session.openStream("/bin/sh -s");
    stream.stdin.end(program);
    return {
      onData: (listener) => void stream.stdout.on("data", listener),
      exited: stream.exited,
      close: () => stream.close(),
    };
  };
}
