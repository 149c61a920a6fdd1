/**
 * The text of a PDF as Chromium (Skia) writes it, enough for tests: page count, and each page's
 * text decoded through its fonts' ToUnicode maps (Skia writes glyph ids as hex strings). Not a PDF
 * parser: it reads the uncompressed object layout and Flate streams Skia produces, nothing more.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | undefined;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s === -1) {
      found.set(Number(m[1]), { dict: body, stream: undefined });
      continue;
    }
    const dict = body.slice(0, s);
    let from = start + s + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const to = text.indexOf('endstream', from);
    let raw = pdf.subarray(from, to);
    if (/\/FlateDecode/.test(dict)) {
      try {
        raw = inflateSync(raw);
      } catch {
        raw = Buffer.alloc(0);
      }
    }
    found.set(Number(m[1]), { dict, stream: raw });
  }
  return found;
}

function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const unicode = (hex: string) =>
    String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, from, to] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(from!.toLowerCase(), unicode(to!));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, to] of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g,
    )) {
      const width = lo!.length;
      const base = Number.parseInt(to!, 16);
      for (let code = Number.parseInt(lo!, 16); code <= Number.parseInt(hi!, 16); code++)
        map.set(
          code.toString(16).padStart(width, '0'),
          String.fromCodePoint(base + code - Number.parseInt(lo!, 16)),
        );
    }
  return map;
}

/** Each page's text, in page order (glyph runs joined; a space between text objects). */
export function pdfPages(pdf: Buffer): string[] {
  const all = objects(pdf);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const pages = [...all.entries()].filter(([, o]) => /\/Type\s*\/Page\b(?!s)/.test(o.dict)).map(([n]) => n);
  // Page order: the Kids arrays of the Pages nodes.
  const kids = [...all.values()]
    .filter((o) => /\/Type\s*\/Pages\b/.test(o.dict))
    .flatMap((o) =>
      [...(/\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])),
    );
  const ordered = kids.filter((k) => pages.includes(k));
  return (ordered.length === pages.length ? ordered : pages).map((n) => {
    const page = all.get(n)!;
    const fonts = new Map<string, Map<string, string>>();
    const resources = ref(page.dict, 'Resources');
    const resDict = resources === undefined ? page.dict : all.get(resources)!.dict;
    const fontBlock = /\/Font\s*<<([^>]*)>>/.exec(resDict)?.[1] ?? '';
    for (const [, name, obj] of fontBlock.matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
      const font = all.get(Number(obj));
      const toUnicode = font && ref(font.dict, 'ToUnicode');
      const stream = toUnicode === undefined ? undefined : all.get(toUnicode)?.stream;
      fonts.set(name!, stream ? cmap(stream.toString('latin1')) : new Map());
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const streams = [...contents.matchAll(/(\d+) 0 R/g)].map(
      (m) => all.get(Number(m[1]))?.stream?.toString('latin1') ?? '',
    );
    let text = '';
    for (const stream of streams) {
      let font = new Map<string, string>();
      for (const op of stream.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\bET\b/g)) {
        if (op[1] !== undefined) font = fonts.get(op[1]) ?? new Map();
        else if (op[2] !== undefined) {
          const hex = op[2].toLowerCase();
          const width = [...font.keys()][0]?.length ?? 4;
          for (let i = 0; i < hex.length; i += width) text += font.get(hex.slice(i, i + width)) ?? '';
        } else text += ' ';
      }
    }
    return text;
  });
}
