import { describe, expect, it } from 'vitest';

import { buildProvenanceXmp, escapeXml, parseProvenanceXmp, TRAINED_ALGORITHMIC_MEDIA, unescapeXml } from './xmp.js';

describe('xmp helpers', () => {
  it('escapes and unescapes the XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(unescapeXml('&lt;&gt;&amp;&quot;&apos;&#65;&#x1F3A8;')).toBe(`<>&"'A🎨`);
    // One pass: an escaped entity stays literal.
    expect(unescapeXml('&amp;lt;')).toBe('&lt;');
  });

  it('builds a packet that parses back', () => {
    const xmp = buildProvenanceXmp({ prompt: 'a & b', engine: 'seedream', createdAt: new Date(0), digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    expect(xmp.startsWith('<?xpacket begin=')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(parseProvenanceXmp(xmp)).toEqual({
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      creatorTool: 'Atelier (seedream)',
      prompt: 'a & b',
    });
  });

  it('writes no digital source type when the image makes no claim (a classic edit of a photo that had none)', () => {
    const xmp = buildProvenanceXmp({ engine: 'builtin', createdAt: new Date(0) });
    expect(xmp).not.toContain('DigitalSourceType');
    expect(parseProvenanceXmp(xmp)).toEqual({ creatorTool: 'Atelier (builtin)' });
  });

  it('reads the attribute form and other prefixes written by other tools', () => {
    const foreign = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <r:Description r:about="" xmlns:ie="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xap="http://ns.adobe.com/xap/1.0/"
        xmlns:d="http://purl.org/dc/elements/1.1/"
        ie:DigitalSourceType="${TRAINED_ALGORITHMIC_MEDIA}" xap:CreatorTool="Other &amp; Co">
        <d:description><r:Alt><r:li xml:lang="fr">un chat</r:li><r:li xml:lang="x-default">a cat</r:li></r:Alt></d:description>
      </r:Description></r:RDF></x:xmpmeta>`;
    expect(parseProvenanceXmp(foreign)).toEqual({
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      creatorTool: 'Other & Co',
      prompt: 'a cat',
    });
  });

  it('reads rdf:resource and CDATA values', () => {
    const xmp = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description
      xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <Iptc4xmpExt:DigitalSourceType rdf:resource="${TRAINED_ALGORITHMIC_MEDIA}"/>
      <xmp:CreatorTool><![CDATA[Tool <1>]]></xmp:CreatorTool></rdf:Description></rdf:RDF>`;
    expect(parseProvenanceXmp(xmp)).toEqual({ digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, creatorTool: 'Tool <1>' });
  });

  it('finds nothing in an unrelated packet', () => {
    expect(parseProvenanceXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><foo>bar</foo></x:xmpmeta>')).toEqual({});
  });
});
