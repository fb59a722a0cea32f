import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

/**
 * The part of kustomize that deploy/kubernetes/ uses, rendered the way `kustomize build` does:
 * `resources` (files and kustomization directories), `patches` (strategic-merge files, matched by
 * kind and name), then the `namespace`, `images` and `replicas` transformers. Any other field is
 * refused, so the manifests cannot drift into what this renderer does not do.
 */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

type Kustomization = {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path: string }[];
};

const supported = new Set(["apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches"]);
const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "IngressClass"]);
// Strategic merge keys of the lists a patch here may touch (the rest are replaced, as kustomize does).
const mergeKeys: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
};

export function readYamlDocuments(file: string): KubeObject[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((doc): doc is KubeObject => doc !== null);
}

export function renderKustomization(dir: string): KubeObject[] {
  const k = readYamlDocuments(path.join(dir, "kustomization.yaml"))[0] as unknown as Kustomization;
  for (const key of Object.keys(k))
    if (!supported.has(key)) throw new Error(`${dir}: kustomization field "${key}" is not supported by this renderer`);
  const objects: KubeObject[] = [];
  for (const resource of k.resources ?? []) {
    const full = path.resolve(dir, resource);
    if (fs.statSync(full).isDirectory()) objects.push(...renderKustomization(full));
    else {
      // kustomize's default load restrictor: files from this directory or below only.
      if (path.relative(dir, full).startsWith("..")) throw new Error(`${dir}: ${resource} is outside the kustomization root`);
      objects.push(...readYamlDocuments(full));
    }
  }
  const find = (kind: string, name: string) => {
    const target = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!target) throw new Error(`${dir}: no ${kind} ${name} to transform`);
    return target;
  };
  for (const { path: file } of k.patches ?? []) {
    for (const patch of readYamlDocuments(path.resolve(dir, file))) {
      const target = find(patch.kind, patch.metadata.name);
      if (target.apiVersion !== patch.apiVersion) throw new Error(`${file}: apiVersion ${patch.apiVersion} does not match ${target.apiVersion}`);
      Object.assign(target, strategicMerge(target, patch));
    }
  }
  if (k.namespace) for (const o of objects) if (!clusterScoped.has(o.kind)) o.metadata.namespace = k.namespace;
  for (const image of k.images ?? []) {
    for (const container of objects.flatMap(podContainers)) {
      const { name, tag } = splitImage(container.image);
      if (name !== image.name) continue;
      container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ""}`;
    }
  }
  for (const { name, count } of k.replicas ?? []) {
    const target = objects.find((o) => ["Deployment", "StatefulSet", "ReplicaSet"].includes(o.kind) && o.metadata.name === name);
    if (!target) throw new Error(`${dir}: no workload ${name} for replicas`);
    (target.spec as { replicas?: number }).replicas = count;
  }
  return objects;
}

/** The pod template's spec of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or null. */
export function podSpec(o: KubeObject): { containers: Container[]; initContainers?: Container[]; [key: string]: unknown } | null {
  const spec = o.spec as { template?: { spec?: unknown }; jobTemplate?: { spec?: { template?: { spec?: unknown } } } } | undefined;
  return (spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec ?? null) as ReturnType<typeof podSpec>;
}

export type Container = {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  [key: string]: unknown;
};

export function podContainers(o: KubeObject): Container[] {
  const spec = podSpec(o);
  return spec ? [...(spec.initContainers ?? []), ...spec.containers] : [];
}

function splitImage(image: string): { name: string; tag?: string } {
  const at = image.indexOf("@");
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(":");
  return colon > withoutDigest.lastIndexOf("/")
    ? { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
    : { name: withoutDigest };
}

function strategicMerge(base: unknown, patch: unknown, key?: string): unknown {
  if (Array.isArray(patch)) {
    const mergeKey = key ? mergeKeys[key] : undefined;
    if (!mergeKey || !Array.isArray(base)) return structuredClone(patch);
    const merged = [...base];
    for (const item of patch as Record<string, unknown>[]) {
      const at = merged.findIndex((existing) => (existing as Record<string, unknown>)[mergeKey] === item[mergeKey]);
      if (at >= 0) merged[at] = strategicMerge(merged[at], item);
      else merged.push(structuredClone(item));
    }
    return merged;
  }
  if (patch && typeof patch === "object") {
    const out: Record<string, unknown> = base && typeof base === "object" && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v, k);
    }
    return out;
  }
  return patch;
}
