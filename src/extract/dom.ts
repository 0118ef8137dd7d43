/**
 * The slice of the DOM that extraction uses, typed structurally so the project needs no DOM lib,
 * and the one place that builds a document (linkedom, from already-bounded HTML).
 */
import { parseHTML } from 'linkedom';

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  readonly title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;

const SKELETON_TAGS_RE = /<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi;

/**
 * Rebuilds the html/head/body skeleton around the content, because linkedom throws on documents
 * without one (an empty string, a fragment, a page with no <body> tag).
 */
function withSkeleton(html: string): string {
  let split = html.search(/<body[\s>]/i);
  if (split < 0) split = html.search(/<\/head\s*>/i);
  const head = split < 0 ? '' : html.slice(0, split);
  const body = split < 0 ? html : html.slice(split);
  return `<!DOCTYPE html><html><head>${head.replace(SKELETON_TAGS_RE, '')}</head><body>${body.replace(SKELETON_TAGS_RE, '')}</body></html>`;
}

/** Builds a document from HTML that has already been through boundHtml. Never fetches anything. */
export function parseDocument(html: string): DomDocument {
  const window: { document: unknown } = parseHTML(withSkeleton(html));
  return window.document as DomDocument;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
