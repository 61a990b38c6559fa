/** nginx stub_status (ngx_http_stub_status_module). Gauges are numbers; cumulative counters bigint. */
export interface NginxStubStatus {
  active: number;
  accepts: bigint;
  handled: bigint;
  requests: bigint;
  reading: number;
  writing: number;
  waiting: number;
}
