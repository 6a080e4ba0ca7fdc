/**
 * Writing and reading the small XMP packet Atelier puts into generated images. Pure string functions; putting
 * it into an image file is provenance.ts's job.
 */

const IPTC_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
/** Made by a trained model (a neural engine). */
export const TRAINED_ALGORITHMIC_MEDIA = `${IPTC_SOURCE_TYPE}trainedAlgorithmicMedia`;
/** Made by an algorithm without training data (the built-in procedural renderer). */
export const ALGORITHMIC_MEDIA = `${IPTC_SOURCE_TYPE}algorithmicMedia`;
/** Other media (a photo) changed by a trained model. */
export const COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = `${IPTC_SOURCE_TYPE}compositeWithTrainedAlgorithmicMedia`;

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  Iptc4xmpExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

/**
 * Upper bound for the whole packet in UTF-8 bytes, for every format. A JPEG carries standard XMP in one APP1
 * segment (at most 65,502 bytes of packet), and libvips, which writes it on the re-encoding path, silently drops
 * packets over 60,000 bytes, so stay below both.
 */
export const MAX_XMP_BYTES = 59_000;

export interface ProvenanceFields {
  digitalSourceType?: string;
  prompt?: string;
  creatorTool?: string;
}

export interface ProvenanceXmpInput {
  prompt?: string;
  engine: string;
  createdAt: Date;
  /** The IPTC digital source type claimed; none is written when absent (an edit of a photo that made no claim). */
  digitalSourceType?: string;
}

// Code points XML 1.0 cannot carry at all, not even as character references (C0 controls other than tab/LF/CR,
// lone surrogates, U+FFFE/U+FFFF). They are dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML element content and attribute values. CR is written as a reference so parsers keep it. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#13;';
    }
  });
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the five predefined entities and numeric character references, in one pass. */
export function unescapeXml(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name as string] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

const PACKET_HEAD = '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>';
const PACKET_TAIL = '<?xpacket end="w"?>';

function packet(sourceType: string | undefined, creatorTool: string, createDate: string, escapedPrompt: string | undefined): string {
  const description =
    escapedPrompt === undefined
      ? ''
      : `\n   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapedPrompt}</rdf:li></rdf:Alt></dc:description>`;
  return (
    `${PACKET_HEAD}\n` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">\n` +
    ` <rdf:RDF xmlns:rdf="${NS.rdf}">\n` +
    `  <rdf:Description rdf:about=""\n` +
    `    xmlns:Iptc4xmpExt="${NS.Iptc4xmpExt}"\n` +
    `    xmlns:xmp="${NS.xmp}"\n` +
    `    xmlns:dc="${NS.dc}">\n` +
    (sourceType === undefined ? '' : `   <Iptc4xmpExt:DigitalSourceType>${sourceType}</Iptc4xmpExt:DigitalSourceType>\n`) +
    `   <xmp:CreatorTool>${creatorTool}</xmp:CreatorTool>\n` +
    `   <xmp:CreateDate>${createDate}</xmp:CreateDate>` +
    `${description}\n` +
    `  </rdf:Description>\n` +
    ` </rdf:RDF>\n` +
    `</x:xmpmeta>\n` +
    PACKET_TAIL
  );
}

/** Longest prefix of `text` (whole code points) whose escaped form fits in `budget` UTF-8 bytes. */
function escapeWithin(text: string, budget: number): string {
  const full = escapeXml(text);
  if (Buffer.byteLength(full, 'utf8') <= budget) return full;
  const ellipsis = '…';
  let used = Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of text) {
    const piece = escapeXml(ch);
    const bytes = Buffer.byteLength(piece, 'utf8');
    if (used + bytes > budget) break;
    out += piece;
    used += bytes;
  }
  return out + ellipsis;
}

/**
 * The XMP packet with the image's IPTC digital source type (when it has one: see source-type.ts), Atelier and the
 * engine as creator tool, the creation time, and — only when `prompt` is given — the prompt as dc:description.
 * A prompt too long for the packet limit is cut and ends with "…".
 */
export function buildProvenanceXmp(input: ProvenanceXmpInput): string {
  if (!(input.createdAt instanceof Date) || Number.isNaN(input.createdAt.getTime())) {
    throw new RangeError('createdAt must be a valid Date');
  }
  const creatorTool = escapeXml(`Atelier (${input.engine})`);
  const createDate = input.createdAt.toISOString();
  const sourceType = input.digitalSourceType === undefined ? undefined : escapeXml(input.digitalSourceType);
  if (input.prompt === undefined) return packet(sourceType, creatorTool, createDate, undefined);
  const overhead = Buffer.byteLength(packet(sourceType, creatorTool, createDate, ''), 'utf8');
  return packet(sourceType, creatorTool, createDate, escapeWithin(input.prompt, MAX_XMP_BYTES - overhead));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The prefix the packet binds to a namespace URI, or the conventional one when it declares none. */
function prefixFor(xmp: string, uri: string, fallback: string): string {
  const m = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRegExp(uri)}["']`).exec(xmp);
  return m?.[1] ?? fallback;
}

/** Text of an element body: CDATA taken literally, markup removed, entities resolved. */
function textOf(body: string): string {
  let out = '';
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let last = 0;
  for (let m = cdata.exec(body); m !== null; m = cdata.exec(body)) {
    out += unescapeXml(body.slice(last, m.index).replace(/<[^>]*>/g, '')) + (m[1] ?? '');
    last = m.index + m[0].length;
  }
  out += unescapeXml(body.slice(last).replace(/<[^>]*>/g, ''));
  return out;
}

/**
 * Value of a simple or language-alternative property, written either as an element (`<p:x>v</p:x>`,
 * `<p:x rdf:resource="v"/>`, `<p:x><rdf:Alt><rdf:li xml:lang="x-default">v</rdf:li>…`) or as an attribute of
 * rdf:Description (`p:x="v"`). The x-default alternative wins, else the first one.
 */
function property(xmp: string, qname: string, rdf: string): string | undefined {
  const q = escapeRegExp(qname);
  const open = new RegExp(`<${q}(\\s[^>]*?)?(/?)>`).exec(xmp);
  if (open) {
    const attrs = open[1] ?? '';
    if (open[2] === '/') {
      const res = new RegExp(`\\s${escapeRegExp(rdf)}:resource\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
      return res ? unescapeXml(res[1] ?? res[2] ?? '') : '';
    }
    const start = open.index + open[0].length;
    const close = new RegExp(`</${q}\\s*>`, 'g');
    close.lastIndex = start;
    const end = close.exec(xmp);
    const body = xmp.slice(start, end ? end.index : xmp.length);
    const li = new RegExp(`<${escapeRegExp(rdf)}:li(\\s[^>]*?)?>([\\s\\S]*?)</${escapeRegExp(rdf)}:li\\s*>`, 'g');
    const items = [...body.matchAll(li)];
    if (items.length > 0) {
      const preferred = items.find((m) => /xml:lang\s*=\s*["']x-default["']/.test(m[1] ?? '')) ?? items[0];
      // Language alternatives are taken verbatim (a prompt may begin or end with spaces).
      return textOf(preferred?.[2] ?? '');
    }
    // A simple value may be pretty-printed on its own indented line.
    return textOf(body).trim();
  }
  const attr = new RegExp(`\\s${q}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(xmp);
  return attr ? unescapeXml(attr[1] ?? attr[2] ?? '') : undefined;
}

/**
 * Reads the provenance fields from an XMP packet. Tolerant rather than a full RDF parser: it understands the
 * packets Atelier writes and the usual ways other tools write the same properties.
 */
export function parseProvenanceXmp(xmp: string): ProvenanceFields {
  const rdf = prefixFor(xmp, NS.rdf, 'rdf');
  const iptc = prefixFor(xmp, NS.Iptc4xmpExt, 'Iptc4xmpExt');
  const xmpNs = prefixFor(xmp, NS.xmp, 'xmp');
  const dc = prefixFor(xmp, NS.dc, 'dc');
  const fields: ProvenanceFields = {};
  const digitalSourceType = property(xmp, `${iptc}:DigitalSourceType`, rdf);
  if (digitalSourceType !== undefined) fields.digitalSourceType = digitalSourceType;
  const creatorTool = property(xmp, `${xmpNs}:CreatorTool`, rdf);
  if (creatorTool !== undefined) fields.creatorTool = creatorTool;
  const prompt = property(xmp, `${dc}:description`, rdf);
  if (prompt !== undefined) fields.prompt = prompt;
  return fields;
}
