import { counter, gauge, histogram } from "./metric";

// What a realtime node reports on /metrics (server/metrics-route.ts), beside process metrics.
// Latencies in seconds, as Prometheus expects; buckets cover a quiet node (ms) to a stalled one (s).
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];

type Reading = () => number;
const readings: { sockets: Reading; rooms: Reading; liveIngests: Reading } = { sockets: () => 0, rooms: () => 0, liveIngests: () => 0 };

/** The running server tells the gauges where to read (read at scrape time, nothing kept). */
export function readRealtimeGaugesFrom(source: Partial<typeof readings>): void {
  Object.assign(readings, source);
}

export const realtimeMetrics = {
  sockets: gauge({
    name: "plenary_socket_connections",
    help: "Sockets connected to this node",
    collect() {
      this.set(readings.sockets());
    },
  }),
  rooms: gauge({
    name: "plenary_socket_rooms",
    help: "Rooms with at least one socket of this node (talks, conferences, accounts)",
    collect() {
      this.set(readings.rooms());
    },
  }),
  liveIngests: gauge({
    name: "plenary_live_ingests",
    help: "Talks this node is ingesting live",
    collect() {
      this.set(readings.liveIngests());
    },
  }),
  chatMessages: counter({ name: "plenary_chat_messages_total", help: "Chat messages accepted by this node" }),
  socketEvents: histogram({
    name: "plenary_socket_event_duration_seconds",
    help: "From a client event's arrival to its ack (the ack latency a client sees, minus the network)",
    labelNames: ["event", "outcome"],
    buckets: LATENCY_BUCKETS,
  }),
  chatDelivery: histogram({
    name: "plenary_chat_delivery_seconds",
    help: "From a chat event's acceptance to the end of the broadcast that carried it to this node's sockets",
    buckets: LATENCY_BUCKETS,
  }),
  broadcastBatch: histogram({
    name: "plenary_chat_broadcast_batch_events",
    help: "Chat events per broadcast (the room batcher merges events of busy rooms)",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  }),
  broadcastFlush: histogram({
    name: "plenary_chat_broadcast_flush_seconds",
    help: "Time one broadcast takes to hand its packet to every socket of the room on this node",
    buckets: LATENCY_BUCKETS,
  }),
  segmentPublish: histogram({
    name: "plenary_segment_publish_seconds",
    help: "From ffmpeg closing a live segment to the playlist listing it",
    buckets: LATENCY_BUCKETS,
  }),
  ffmpegRestarts: counter({ name: "plenary_ffmpeg_restarts_total", help: "Live segmenter (ffmpeg) restarts after it died or stalled" }),
};
