import { histogram } from "./metric";

/** HTTP request durations of a process (web: every request, timed by the preload; realtime: its HTTP side). */
export const httpRequestDuration = histogram({
  name: "plenary_http_request_duration_seconds",
  help: "HTTP requests by method, route group and status",
  labelNames: ["method", "route", "status"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
