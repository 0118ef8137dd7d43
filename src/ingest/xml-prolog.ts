/**
 * Finds the root element of an XML document and drops everything before it: the XML
 * declaration, comments, processing instructions and the DOCTYPE with its internal subset.
 * Without the DOCTYPE no entity can be declared, so nothing is expanded (billion laughs,
 * quadratic blowup), resolved (XXE) or fetched (external DTD, parameter entities).
 */

export interface XmlRoot {
  /** Qualified name of the root element as written, e.g. `rss`, `rdf:RDF`, `a:feed`. */
  name: string;
  /** The local part, lower-case: `rss`, `rdf`, `feed`, `html` ... */
  localName: string;
  /** The root start tag, `<` to `>`. */
  startTag: string;
  /** The document from the root start tag on. */
  body: string;
}

/** The root element, or undefined when the document has none (empty, text, or broken prolog). */
export function findRoot(text: string): XmlRoot | undefined {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return undefined;
    const next = text.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (next === 33 /* ! */) {
      i = skipDeclaration(text, lt);
      if (i === -1) return undefined;
    } else {
      const nameEnd = scanXmlName(text, lt + 1);
      if (nameEnd === lt + 1) return undefined;
      const gt = text.indexOf('>', nameEnd);
      if (gt === -1) return undefined;
      const name = text.slice(lt + 1, nameEnd);
      const colon = name.indexOf(':');
      return {
        name,
        localName: (colon === -1 ? name : name.slice(colon + 1)).toLowerCase(),
        startTag: text.slice(lt, gt + 1),
        body: lt === 0 ? text : text.slice(lt),
      };
    }
  }
}

/** Prefix → namespace URI declared on a start tag. */
export function namespaceDeclarations(startTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of startTag.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  return out;
}

/** End of the XML name starting at `start` (ASCII letters, digits, `_ - . :`, and non-ASCII). */
export function scanXmlName(text: string, start: number): number {
  let j = start;
  for (;;) {
    const c = text.charCodeAt(j);
    const ok =
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127 ||
      (j > start && ((c >= 48 && c <= 57) || c === 45 || c === 46));
    if (!ok) return j;
    j++;
  }
}

/** Skip `<!-- -->`, `<!DOCTYPE ... [ subset ]>` or another `<!...>`; -1 when unterminated. */
function skipDeclaration(text: string, lt: number): number {
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4);
    return end === -1 ? -1 : end + 3;
  }
  if (!/^<!doctype/i.test(text.slice(lt, lt + 9))) {
    const end = text.indexOf('>', lt);
    return end === -1 ? -1 : end + 1;
  }
  let quote = 0;
  let inSubset = false;
  for (let j = lt + 9; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 91 /* [ */) {
      inSubset = true;
    } else if (c === 93 /* ] */) {
      inSubset = false;
    } else if (c === 60 /* < */ && text.startsWith('<!--', j)) {
      const end = text.indexOf('-->', j + 4);
      if (end === -1) return -1;
      j = end + 2;
    } else if (c === 62 /* > */ && !inSubset) {
      return j + 1;
    }
  }
  return -1;
}
