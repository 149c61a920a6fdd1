/**
 * The import graph of the source tree, for test/architecture.test.ts: every relative import (static
 * `import … from`, side-effect `import '…'`, `export … from`, dynamic `import('…')`, type-only ones
 * included, since a type import ties two files as much as a value import does), resolved to the file
 * it names, and the checks run on it: the layer order, cycles between files (Tarjan's strongly
 * connected components), imports of test code. Pure functions over the graph, so that a small
 * synthetic graph can show each check failing.
 *
 * Imports are read with TypeScript's own pre-processor rather than a regular expression, so that an
 * import written in a comment, a string or a template is not counted and none written over several
 * lines is missed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** File → the files it imports, all as POSIX paths relative to the repository root (`src/core/hash.ts`). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Layer → what it may import besides itself: other layers, or single files (`web/pages.ts`) when
 * only that file of a layer is meant. A layer is a top-level folder of src/.
 */
export type LayerOrder = Readonly<Record<string, readonly string[]>>;

/** Every module specifier the text imports or re-exports, relative or not. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** The file a relative specifier names, as the NodeNext resolution finds it (`./x.js` is `./x.ts`). */
export function resolveImport(fromFile: string, specifier: string): string {
  const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
}

/** The graph of these files' relative imports (package imports such as `fastify` are not edges). */
export function importGraph(files: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const targets = importSpecifiers(text)
      .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
      .map((specifier) => resolveImport(file, specifier));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every non-test TypeScript file under `root/src`, by path relative to root, with its text. */
export function readSourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.m?ts$/.test(entry.name) && !/\.test\.m?ts$/.test(entry.name))
        files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'src'));
  return files;
}

/** `src/election/service.ts` → `election`; a file outside src/ has no layer. */
export function layerOf(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

/** Whether `order` lets a file of layer `from` import `target` (a file of another layer). */
function allowed(order: LayerOrder, from: string, target: string): boolean {
  const layer = layerOf(target);
  if (layer === from) return true;
  const rules = order[from] ?? [];
  return rules.includes(layer ?? '') || rules.includes(target.slice('src/'.length));
}

/**
 * One line per import against the order, and one per source file whose layer the order does not
 * name (a new folder must be given its place). Imports leaving src/ are checked by `testImports`.
 */
export function layerViolations(graph: ImportGraph, order: LayerOrder): string[] {
  const found: string[] = [];
  const unplaced = new Set<string>();
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    if (from === undefined) continue;
    if (!(from in order)) {
      unplaced.add(from);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && !allowed(order, from, target))
        found.push(`${file} → ${target} (${from} may not import ${to})`);
    }
  }
  for (const layer of unplaced) found.push(`src/${layer}/ has no place in the layer order`);
  return found.sort();
}

/** One line per import of a file under test/ (helpers, fixtures), which the build does not ship. */
export function testImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph)
    for (const target of targets) if (target.startsWith('test/')) found.push(`${file} → ${target}`);
  return found.sort();
}

/** A knot of files that import one another round: all its files, and one cycle through them. */
export interface Cycle {
  /** Every file of the strongly connected component, in name order. */
  readonly files: readonly string[];
  /** A shortest cycle from the first of them back to it: `[a, b, …, a]`. */
  readonly cycle: readonly string[];
}

/**
 * The strongly connected components of the graph that hold a cycle (more than one file, or a file
 * importing itself), in the name order of their first files.
 */
export function findCycles(graph: ImportGraph): Cycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const successors = (file: string) => graph.get(file) ?? [];

  // Tarjan's algorithm, recursive: the source tree is a few hundred files deep at most.
  const connect = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of successors(file)) {
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      components.push(component);
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);

  return components
    .filter((c) => c.length > 1 || successors(c[0]!).includes(c[0]!))
    .map((component) => {
      const files = component.sort();
      return { files, cycle: shortestCycle(graph, new Set(files)) };
    })
    .sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
}

/** A shortest cycle through the first file (in name order) of a strongly connected component. */
function shortestCycle(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component][0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const file = queue[head]!;
    for (const next of graph.get(file) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (!cameFrom.has(next) && next !== start) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  throw new Error(`${start} is in no cycle`);
}
