/** Summarises a V8 .cpuprofile of the server: self time by package and the hottest functions. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; where: string; ms: number; share: number }[];
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return `tilth ${url.slice(src + 1).split('/').slice(0, 3).join('/')}`;
  return url;
}

/** A short file name: the package and the file's path inside it, or the path under the repository. */
function fileOf(url: string, pkg: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    const skip = parts[0]!.startsWith('@') ? 2 : 1;
    return `${pkg}/${parts.slice(skip).join('/')}`;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

export function summariseProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const pkg = new Map<string, number>();
  const fns = new Map<string, { name: string; where: string; ms: number }>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += ms;
    const p = packageOf(url, functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + ms);
    const name = functionName || '(anonymous)';
    const where = url ? `${fileOf(url, p)}:${lineNumber + 1}` : p;
    const key = `${name}\u0000${where}`;
    const e = fns.get(key) ?? { name, where, ms: 0 };
    e.ms += ms;
    fns.set(key, e);
  }
  return {
    totalMs: total,
    byPackage: [...pkg.entries()].map(([name, ms]) => ({ name, ms, share: ms / total })).sort((a, b) => b.ms - a.ms).slice(0, 14),
    topFunctions: [...fns.values()]
      .map((e) => ({ name: e.name, where: e.where, ms: e.ms, share: e.ms / total }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15),
  };
}
