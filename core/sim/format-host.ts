/**
 * Host texts a sampler reads besides ipvsadm: /proc/net/dev (net/core/net-procfs.c
 * dev_seq_printf_stats), one "IFNAME SPEED" line per interface (the sampling script's net-speed
 * section: /sys/class/net/IF/speed, empty when unreadable), and HAProxy's `show stat` CSV with the
 * header line HAProxy 2.6 prints (taken from a real haproxy 2.6.12: test/fixtures/haproxy/show-stat.csv).
 */
import { rightAligned } from "./c-printf.ts";
import type { SimHaproxy, SimHaproxyServer, SimNic } from "./host-sim.ts";

export function formatProcNetDev(nics: readonly SimNic[]): string {
  let text = "Inter-|   Receive                                                |  Transmit\n";
  text +=
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
  for (const nic of nics) {
    const receive = [
      rightAligned(nic.rxBytes, 7),
      rightAligned(nic.rxPackets, 7),
      rightAligned(nic.rxErrors, 4),
      rightAligned(nic.rxDrops, 4),
      rightAligned(0, 4),
      rightAligned(0, 5),
      rightAligned(0, 10),
      rightAligned(nic.rxMulticast, 9),
    ];
    const transmit = [
      rightAligned(nic.txBytes, 8),
      rightAligned(nic.txPackets, 7),
      rightAligned(nic.txErrors, 4),
      rightAligned(nic.txDrops, 4),
      rightAligned(0, 4),
      rightAligned(0, 5),
      rightAligned(0, 7),
      rightAligned(0, 10),
    ];
    text += `${rightAligned(nic.name, 6)}: ${[...receive, ...transmit].join(" ")}\n`;
  }
  return text;
}

/** `unknown` is what stands for a speed the driver does not report ("" from grep, "-1" from the sampler). */
export function formatNetSpeed(nics: readonly SimNic[], unknown = "-1"): string {
  return nics.map((nic) => `${nic.name} ${nic.speedMbps ?? unknown}\n`).join("");
}

export const HAPROXY_26_STAT_FIELDS =
  "pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out".split(
    ",",
  );

/** One CSV row: every header column, empty where the map has nothing, with HAProxy's trailing comma. */
function csvRow(values: Record<string, string | number | bigint>): string {
  return `${HAPROXY_26_STAT_FIELDS.map((field) => (field in values ? String(values[field]) : "")).join(",")},\n`;
}

function serverStatus(server: SimHaproxyServer): string {
  if (server.state === "maint") return "MAINT";
  // Effective weight 0 also displays as DRAIN.
  if (server.state === "drain" || server.weight === 0) return "DRAIN";
  return "UP";
}

/** `show stat`: frontend, servers, backend, then the blank line that ends the answer. */
export function formatHaproxyShowStat(proxy: SimHaproxy): string {
  const frontendCurrent = proxy.servers.reduce((sum, s) => sum + s.current, 0);
  let text = `# ${HAPROXY_26_STAT_FIELDS.join(",")},\n`;
  text += csvRow({
    pxname: proxy.frontend,
    svname: "FRONTEND",
    scur: frontendCurrent,
    smax: proxy.frontendMax,
    slim: 9984,
    stot: proxy.frontendTotal,
    bin: proxy.frontendBytesIn,
    bout: proxy.frontendBytesOut,
    dreq: 0,
    dresp: 0,
    ereq: 0,
    status: "OPEN",
    pid: 1,
    iid: 2,
    sid: 0,
    type: 0,
    rate: proxy.lastRate,
    rate_lim: 0,
    rate_max: proxy.maxRate,
    hrsp_1xx: 0,
    hrsp_2xx: proxy.servers.reduce((s, v) => s + v.responses2xx, 0n),
    hrsp_3xx: 0,
    hrsp_4xx: 0,
    hrsp_5xx: proxy.servers.reduce((s, v) => s + v.responses5xx, 0n),
    hrsp_other: 0,
    req_rate: proxy.lastRate,
    req_rate_max: proxy.maxRate,
    req_tot: proxy.frontendTotal,
    comp_in: 0,
    comp_out: 0,
    comp_byp: 0,
    comp_rsp: 0,
    mode: "http",
    conn_rate: proxy.lastRate,
    conn_rate_max: proxy.maxRate,
    conn_tot: proxy.frontendTotal,
    intercepted: 0,
    dcon: 0,
    dses: 0,
    wrew: 0,
    "-": "-",
  });
  proxy.servers.forEach((server, i) => {
    const rate =
      server.state === "ready"
        ? Math.round(
            (proxy.lastRate * server.weight) /
              Math.max(
                1,
                proxy.servers.filter((s) => s.state === "ready").reduce((sum, s) => sum + s.weight, 0),
              ),
          )
        : 0;
    text += csvRow({
      pxname: proxy.backend,
      svname: server.name,
      qcur: 0,
      qmax: 0,
      scur: server.current,
      smax: server.max,
      stot: server.total,
      bin: server.bytesIn,
      bout: server.bytesOut,
      dresp: 0,
      econ: 0,
      eresp: 0,
      wretr: 0,
      wredis: 0,
      status: serverStatus(server),
      weight: server.weight,
      act: 1,
      bck: 0,
      chkfail: 0,
      chkdown: 0,
      lastchg: Math.floor(server.lastChangeSeconds),
      downtime: 0,
      pid: 1,
      iid: 3,
      sid: i + 1,
      lbtot: server.total,
      type: 2,
      rate,
      rate_max: proxy.maxRate,
      check_status: server.state === "maint" ? "" : "L4OK",
      check_duration: server.state === "maint" ? "" : 0,
      hrsp_1xx: 0,
      hrsp_2xx: server.responses2xx,
      hrsp_3xx: 0,
      hrsp_4xx: 0,
      hrsp_5xx: server.responses5xx,
      hrsp_other: 0,
      cli_abrt: 0,
      srv_abrt: 0,
      lastsess: 0,
      qtime: 0,
      ctime: 0,
      rtime: 1,
      ttime: 1,
      check_desc: server.state === "maint" ? "" : "Layer4 check passed",
      check_rise: 2,
      check_fall: 3,
      check_health: 4,
      addr: server.address,
      mode: "http",
      connect: server.total,
      reuse: 0,
      srv_icur: 0,
      qtime_max: 0,
      ctime_max: 1,
      rtime_max: 12,
      ttime_max: 14,
      eint: 0,
      idle_conn_cur: 0,
      safe_conn_cur: 0,
      used_conn_cur: server.current,
      need_conn_est: 0,
      uweight: server.weight,
      "-": "-",
      ssl_sess: 0,
      ssl_reused_sess: 0,
      ssl_failed_handshake: 0,
    });
  });
  const ready = proxy.servers.filter((s) => s.state === "ready");
  const backendWeight = ready.reduce((sum, s) => sum + s.weight, 0);
  const backendTotal = proxy.servers.reduce((sum, s) => sum + s.total, 0n);
  text += csvRow({
    pxname: proxy.backend,
    svname: "BACKEND",
    qcur: 0,
    qmax: 0,
    scur: frontendCurrent,
    smax: proxy.frontendMax,
    slim: 999,
    stot: backendTotal,
    bin: proxy.servers.reduce((s, v) => s + v.bytesIn, 0n),
    bout: proxy.servers.reduce((s, v) => s + v.bytesOut, 0n),
    dreq: 0,
    dresp: 0,
    econ: 0,
    eresp: 0,
    wretr: 0,
    wredis: 0,
    status: ready.length > 0 ? "UP" : "DOWN",
    weight: backendWeight,
    act: ready.length,
    bck: 0,
    chkdown: 0,
    lastchg: 0,
    downtime: 0,
    pid: 1,
    iid: 3,
    sid: 0,
    lbtot: backendTotal,
    type: 1,
    rate: proxy.lastRate,
    rate_max: proxy.maxRate,
    hrsp_1xx: 0,
    hrsp_2xx: proxy.servers.reduce((s, v) => s + v.responses2xx, 0n),
    hrsp_3xx: 0,
    hrsp_4xx: 0,
    hrsp_5xx: proxy.servers.reduce((s, v) => s + v.responses5xx, 0n),
    hrsp_other: 0,
    req_tot: backendTotal,
    cli_abrt: 0,
    srv_abrt: 0,
    comp_in: 0,
    comp_out: 0,
    comp_byp: 0,
    comp_rsp: 0,
    lastsess: 0,
    qtime: 0,
    ctime: 0,
    rtime: 1,
    ttime: 1,
    mode: "http",
    algo: "roundrobin",
    connect: backendTotal,
    reuse: 0,
    qtime_max: 0,
    ctime_max: 1,
    rtime_max: 12,
    ttime_max: 14,
    eint: 0,
    uweight: backendWeight,
    agg_server_status: 0,
    agg_server_check_status: 0,
    agg_check_status: 0,
    "-": "-",
  });
  return `${text}\n`;
}

// The header HAProxy 2.6.12 prints (test/fixtures/haproxy/show-servers-state.txt).
const SERVERS_STATE_COLUMNS =
  "be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port";

// srv_admin_state bits (server.h SRV_ADMF_*): FMAINT 0x01, FDRAIN 0x08. `set server ... state`
// sets one and clears the other, so a simulated server has at most one.
const ADMIN_STATE = { ready: 0, drain: 0x08, maint: 0x01 } as const;

/**
 * `show servers state`: the format version, the header, one row per server, the closing empty line.
 * Check columns are those of the capture's passing L4 check (status 6, result 3, state 6; a server
 * in maint is stopped, srv_op_state 0, and its check is paused, state 14), health as `show stat`.
 */
export function formatHaproxyServersState(proxy: SimHaproxy): string {
  let text = `1\n# ${SERVERS_STATE_COLUMNS}\n`;
  proxy.servers.forEach((server, i) => {
    const [address = "", port = "0"] = server.address.split(":");
    const maint = server.state === "maint";
    const fields = [
      3,
      proxy.backend,
      i + 1,
      server.name,
      address,
      maint ? 0 : 2,
      ADMIN_STATE[server.state],
      server.weight,
      server.initialWeight ?? server.weight,
      Math.floor(server.lastChangeSeconds),
      6,
      3,
      maint ? 0 : 4,
      maint ? 14 : 6,
      0,
      0,
      0,
      "-",
      port,
      "-",
      0,
      0,
      "-",
      "-",
      0,
    ];
    text += `${fields.join(" ")}\n`;
  });
  return `${text}\n`;
}
