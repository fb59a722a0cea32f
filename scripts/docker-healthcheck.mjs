#!/usr/bin/env node
// The image's HEALTHCHECK: healthy when this container's process answers — the web app's
// /api/health/live on PORT, or a realtime node's /healthz on REALTIME_PORT (the same image runs
// both; compose and Kubernetes set their own checks per service).
const web = `http://127.0.0.1:${process.env.PORT || "3000"}/api/health/live`;
const realtime = `http://127.0.0.1:${process.env.REALTIME_PORT || "3001"}/healthz`;
const answers = (url) =>
  fetch(url, { signal: AbortSignal.timeout(4000) })
    .then((res) => res.ok)
    .catch(() => false);
const [webOk, realtimeOk] = await Promise.all([answers(web), answers(realtime)]);
process.exit(webOk || realtimeOk ? 0 : 1);
