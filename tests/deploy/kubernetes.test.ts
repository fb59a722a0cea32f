import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { envVariableNames, parseEnv } from "@/lib/config/env";
import { readComposeFile } from "./compose-environment";
import { findUnknownFields, validateAgainstSchemas } from "./support/kubernetes-schemas";
import { podContainers, podSpec, readYamlDocuments, renderKustomization, type Container, type KubeObject } from "./support/kustomize";

// deploy/kubernetes/: each overlay rendered as `kustomize build` would, every object validated
// against the Kubernetes API schemas (kubernetes-models), then what the schemas cannot see: that
// the pieces point at each other, at our health routes and at variables lib/config reads.
const root = path.resolve(import.meta.dirname, "../..");
const kubernetesDir = path.join(root, "deploy/kubernetes");
const overlays = fs.readdirSync(path.join(kubernetesDir, "overlays"));
const rendered: Record<string, KubeObject[]> = Object.fromEntries(
  overlays.map((name) => [name, renderKustomization(path.join(kubernetesDir, "overlays", name))]),
);
const all = Object.values(rendered).flat();

const workloads = (objects: KubeObject[]) => objects.filter((o) => podSpec(o));
const named = (objects: KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const podLabels = (o: KubeObject) => (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const container = (objects: KubeObject[], workload: string) =>
  podContainers(named(objects, workload === "plenary-migrate" ? "Job" : "Deployment", workload))[0]!;

// The object-store settings come with the media storage change; until it is merged they are the
// only names lib/config does not list yet.
const storageNames = envVariableNames.includes("MEDIA_STORAGE" as never)
  ? []
  : ["MEDIA_STORAGE", "S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"];
const knownNames = new Set<string>([...envVariableNames, "NEXT_TELEMETRY_DISABLED", ...storageNames]);

/** The environment a container is given by name: its env list and the ConfigMaps/Secrets it takes whole. */
function environmentOf(objects: KubeObject[], c: Container): { names: string[]; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const names: string[] = [];
  for (const from of c.envFrom ?? []) {
    const source = from.configMapRef ? named(objects, "ConfigMap", from.configMapRef.name) : named(objects, "Secret", from.secretRef!.name);
    const data = { ...(source.data as Record<string, string>), ...(source.stringData as Record<string, string>) };
    names.push(...Object.keys(data));
    Object.assign(values, data);
  }
  for (const variable of c.env ?? []) {
    names.push(variable.name);
    if (variable.value !== undefined) values[variable.name] = variable.value;
    const ref = variable.valueFrom?.secretKeyRef;
    const secret = ref && objects.find((o) => o.kind === "Secret" && o.metadata.name === ref.name);
    const value = secret && (secret.stringData as Record<string, string>)[ref.key];
    if (value !== undefined) values[variable.name] = value;
  }
  return { names, values };
}

describe("deploy/kubernetes (kustomize overlays)", () => {
  it("has the overlays the README names", () => {
    expect(overlays.sort()).toEqual(["example", "production"]);
  });

  it("every rendered object is valid against the Kubernetes API schemas", async () => {
    expect(all.length).toBeGreaterThan(20);
    expect(await validateAgainstSchemas(all)).toEqual([]);
  });

  describe("fields", () => {
    let unknown: string[];
    beforeAll(() => {
      unknown = findUnknownFields(all);
    }, 120_000);
    it("every field of every rendered object is one the Kubernetes API has (no misspelt field slips through)", () => {
      expect(unknown).toEqual([]);
    });
  });

  it("the renderer and validators catch mistakes (a wrong type, an unknown field)", async () => {
    const broken = structuredClone(named(rendered.example!, "Deployment", "plenary-web"));
    (broken.spec as { replicas: unknown }).replicas = "2";
    (podContainers(broken)[0] as Record<string, unknown>).livenesProbe = {};
    expect((await validateAgainstSchemas([broken])).join()).toMatch(/replicas must be integer/);
    expect(findUnknownFields([broken]).join()).toMatch(/livenesProbe/);
  }, 120_000);

  for (const overlay of overlays) {
    describe(overlay, () => {
      const objects = rendered[overlay]!;

      it("has web and realtime Deployments, the migrate Job, their Services, Ingresses and disruption budgets, in one namespace", () => {
        const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
        for (const expected of [
          "Deployment/plenary-web",
          "Deployment/plenary-realtime",
          "Job/plenary-migrate",
          "Service/plenary-web",
          "Service/plenary-realtime",
          "Service/plenary-rtmp",
          "PodDisruptionBudget/plenary-web",
          "PodDisruptionBudget/plenary-realtime",
          "ConfigMap/plenary-config",
        ])
          expect(names).toContain(expected);
        for (const o of objects) if (o.kind !== "Namespace") expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe("plenary");
      });

      it("every container runs the overlay's image with resource requests, as non-root, and none runs tsx", () => {
        for (const w of workloads(objects)) {
          expect((podSpec(w)!.securityContext as { runAsNonRoot?: boolean }).runAsNonRoot, w.metadata.name).toBe(true);
          for (const c of podContainers(w)) {
            expect(c.image).toBe("registry.example.org/plenary:0.1.0");
            const resources = c.resources as { requests?: { cpu?: string; memory?: string } };
            expect(resources.requests?.cpu && resources.requests?.memory, `${w.metadata.name} requests`).toBeTruthy();
            expect([...(c.command ?? []), ...(c.args ?? [])].join(" ")).not.toMatch(/tsx/);
          }
        }
      });

      it("web, realtime and migrate run what docker-compose.yml runs (the image's own command for web)", () => {
        const compose = readComposeFile().services;
        const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
        const imageCmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!);
        expect(imageCmd).toEqual(compose.web!.command);
        expect(container(objects, "plenary-web").args).toBeUndefined();
        expect(container(objects, "plenary-web").command).toBeUndefined();
        expect(container(objects, "plenary-realtime").args).toEqual(compose["realtime-1"]!.command);
        expect(container(objects, "plenary-migrate").args).toEqual(compose.migrate!.command);
        // `command` would replace the image's init (tini) as PID 1.
        for (const w of workloads(objects)) for (const c of podContainers(w)) expect(c.command, w.metadata.name).toBeUndefined();
      });

      it("web and realtime have readiness and liveness probes on routes that exist", () => {
        const realtimeServer = fs.readFileSync(path.join(root, "server/realtime-server.ts"), "utf8");
        for (const name of ["plenary-web", "plenary-realtime"]) {
          const c = container(objects, name);
          const ports = (c.ports as { name: string }[]).map((p) => p.name);
          for (const kind of ["readinessProbe", "livenessProbe"]) {
            const probe = c[kind] as { httpGet?: { path: string; port: string }; tcpSocket?: { port: string } };
            expect(probe, `${name} ${kind}`).toBeDefined();
            const port = probe.httpGet?.port ?? probe.tcpSocket!.port;
            expect(ports).toContain(port);
            const route = probe.httpGet?.path;
            if (!route) continue;
            if (name === "plenary-web") expect(fs.existsSync(path.join(root, "app", route, "route.ts")), `${name}: app${route}/route.ts`).toBe(true);
            else expect(realtimeServer).toContain(`url.pathname === "${route}"`);
          }
        }
        // A realtime node keeps its sockets and live talks through a database outage: its liveness must not ask the database.
        expect((container(objects, "plenary-realtime").livenessProbe as { httpGet?: { path: string } }).httpGet?.path).not.toBe("/healthz");
        expect(named(objects, "Deployment", "plenary-realtime").spec).toHaveProperty("template.spec.terminationGracePeriodSeconds");
      });

      it("Services select the pods and ports that exist; Ingresses reach Services and ports that exist; budgets select a workload", () => {
        const deployments = objects.filter((o) => o.kind === "Deployment");
        for (const service of objects.filter((o) => o.kind === "Service")) {
          const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string }[]; sessionAffinity?: string };
          const target = deployments.find((d) => matches(spec.selector, podLabels(d)));
          expect(target, `${service.metadata.name} selects nothing`).toBeDefined();
          const portNames = podContainers(target!).flatMap((c) => (c.ports as { name: string }[]).map((p) => p.name));
          for (const p of spec.ports) expect(portNames, service.metadata.name).toContain(p.targetPort);
          // ClientIP affinity would pin everyone behind one NAT to one pod.
          expect(spec.sessionAffinity ?? "None").toBe("None");
        }
        for (const ingress of objects.filter((o) => o.kind === "Ingress")) {
          const rules = (ingress.spec as { rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] })
            .rules;
          for (const { backend } of rules.flatMap((r) => r.http.paths)) {
            const service = named(objects, "Service", backend.service.name);
            expect(service, `${ingress.metadata.name} → ${backend.service.name}`).toBeDefined();
            expect((service.spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toContain(backend.service.port.name);
          }
        }
        for (const pdb of objects.filter((o) => o.kind === "PodDisruptionBudget")) {
          const spec = pdb.spec as { selector: { matchLabels: Record<string, string> }; minAvailable?: number };
          const target = deployments.find((d) => matches(spec.selector.matchLabels, podLabels(d)));
          expect(target, `${pdb.metadata.name} selects nothing`).toBeDefined();
          // A budget the workload cannot satisfy would block every node drain.
          expect((target!.spec as { replicas: number }).replicas).toBeGreaterThan(spec.minAvailable ?? 0);
        }
      });

      it("socket.io keeps a long-polling client on one pod by a cookie (the same one deploy/nginx.conf sets), not by address", () => {
        const ingress = objects.find(
          (o) =>
            o.kind === "Ingress" && JSON.stringify(o.spec).includes('"path":"/socket.io/"') && JSON.stringify(o.spec).includes("plenary-realtime"),
        )!;
        const annotations = ingress.metadata.annotations!;
        expect(annotations["nginx.ingress.kubernetes.io/affinity"]).toBe("cookie");
        const nginx = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
        expect(nginx).toContain(`$cookie_${annotations["nginx.ingress.kubernetes.io/session-cookie-name"]}`);
        expect(JSON.stringify(objects)).not.toMatch(/upstream-hash-by"?:\s*"?\$remote_addr|ClientIP/);
      });

      it("OBS reaches the realtime pods over RTMP on the port their RTMP listener uses", () => {
        const rtmp = named(objects, "Service", "plenary-rtmp").spec as { type: string; ports: { port: number; targetPort: string }[] };
        expect(rtmp.type).toBe("LoadBalancer");
        const c = container(objects, "plenary-realtime");
        const port = (c.ports as { name: string; containerPort: number }[]).find((p) => p.name === rtmp.ports[0]!.targetPort)!;
        expect(environmentOf(objects, c).values.RTMP_PORT).toBe(String(port.containerPort));
      });

      it("every variable the manifests set is one lib/config reads, and media goes to the object store", () => {
        for (const w of workloads(objects)) {
          for (const c of podContainers(w)) {
            const { names, values } = environmentOf(objects, c);
            for (const name of names) expect(knownNames.has(name), `${w.metadata.name}: ${name}`).toBe(true);
            if (w.kind === "Deployment") expect(values.MEDIA_STORAGE, w.metadata.name).toBe("s3");
          }
        }
      });

      it("secrets come from the plenary-secrets Secret, which only the example overlay carries, with placeholders", () => {
        const secrets = objects.filter((o) => o.kind === "Secret");
        expect(secrets.map((s) => s.metadata.name)).toEqual(overlay === "example" ? ["plenary-secrets"] : []);
        const example = readYamlDocuments(path.join(kubernetesDir, "overlays/example/secret.example.yaml"))[0]!;
        const keys = Object.keys(example.stringData as Record<string, string>);
        for (const value of Object.values(example.stringData as Record<string, string>))
          expect(value).toMatch(/change-me|example\.(org|internal)|plenary-media/);
        for (const w of workloads(objects)) {
          for (const c of podContainers(w)) {
            for (const variable of c.env ?? []) {
              if (/URL$|SECRET|PASSWORD|_KEY/.test(variable.name) && variable.name !== "REALTIME_INTERNAL_URL")
                expect(variable.value, `${w.metadata.name}: ${variable.name} as a plain value`).toBeUndefined();
              const ref = variable.valueFrom?.secretKeyRef;
              if (!ref) continue;
              expect(ref.name).toBe("plenary-secrets");
              if (!ref.optional) expect(keys, `${w.metadata.name}: ${ref.key}`).toContain(ref.key);
            }
          }
        }
      });
    });
  }

  it("the production overlay sizes the workloads and adds TLS over the base (patches merged, not replacing)", () => {
    const objects = rendered.production!;
    expect(named(objects, "Deployment", "plenary-web").spec).toMatchObject({ replicas: 3 });
    expect(named(objects, "Deployment", "plenary-realtime").spec).toMatchObject({ replicas: 4 });
    const realtime = container(objects, "plenary-realtime");
    expect(realtime.resources).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "4", memory: "4Gi" } });
    expect(realtime.readinessProbe).toBeDefined();
    expect(named(objects, "Ingress", "plenary-web").spec).toMatchObject({
      tls: [{ secretName: "plenary-tls" }],
      rules: [{ host: "conf.example.org" }],
    });
    expect(named(objects, "ConfigMap", "plenary-config").data).toMatchObject({ S3_REGION: "eu-central-1", MEDIA_STORAGE: "s3" });
  });

  it("the example overlay's web, realtime and migrate environments pass lib/config as a production process", () => {
    const objects = rendered.example!;
    for (const name of ["plenary-web", "plenary-realtime", "plenary-migrate"]) {
      const { values } = environmentOf(objects, container(objects, name));
      const config = parseEnv(values);
      expect(config.NODE_ENV, name).toBe("production");
      expect(config.DATABASE_URL, name).toMatch(/^postgresql:/);
      expect(config.BETTER_AUTH_SECRET?.length, name).toBeGreaterThanOrEqual(32);
    }
    expect(parseEnv(environmentOf(objects, container(objects, "plenary-web")).values).REALTIME_INTERNAL_URLS).toEqual([
      "http://plenary-realtime:3001",
    ]);
  });
});
