/**
 * XML checks for tests with a real validator: libxml2's `xmllint` (Debian package libxml2-utils), fed
 * the document on stdin. `validateXml` checks a document against an XML Schema (W3C XSD), `checkXml`
 * only that it is well-formed, and `xpath` evaluates an XPath 1.0 expression on it (use `local-name()`
 * for namespaced elements, as xmllint has no prefix bindings). `--nonet` keeps every run offline.
 *
 * @example
 *   const r = await validateXml(capXml(doc), CAP_XSD);
 *   assert.ok(r.valid, r.errors.join('\n'));
 *   await xpath(feed, "count(//*[local-name()='entry'])"); // "3"
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The OASIS CAP 1.2 schema vendored from ../shared/data/cap. */
export const CAP_XSD = fileURLToPath(new URL('../fixtures/cap/CAP-v1.2.xsd', import.meta.url));

export interface XmlCheck {
  readonly valid: boolean;
  /** xmllint's messages, one per line, without its closing "validates"/"fails to validate" summary. */
  readonly errors: string[];
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function xmllint(args: readonly string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--nonet', ...args, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new Error('xmllint not found: install the libxml2-utils package.') : e);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined); // xmllint may exit before reading everything; 'close' reports it
    child.stdin.end(input, 'utf8');
  });
}

const messages = (stderr: string) =>
  stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && l !== '- validates' && l !== '- fails to validate');

/** Validates `xml` against the XML Schema at `xsdPath`. */
export async function validateXml(xml: string, xsdPath: string): Promise<XmlCheck> {
  const r = await xmllint(['--noout', '--schema', xsdPath], xml);
  return { valid: r.code === 0, errors: messages(r.stderr) };
}

/** Checks that `xml` is well-formed (parses), without a schema. */
export async function checkXml(xml: string): Promise<XmlCheck> {
  const r = await xmllint(['--noout'], xml);
  return { valid: r.code === 0, errors: messages(r.stderr) };
}

/** The result of an XPath expression as xmllint prints it; throws when the document does not parse. */
export async function xpath(xml: string, expression: string): Promise<string> {
  const r = await xmllint(['--xpath', expression], xml);
  // Exit code 10 is "XPath set is empty", a valid answer.
  if (r.code === 10) return '';
  if (r.code !== 0) throw new Error(`xmllint --xpath failed (${r.code}): ${messages(r.stderr).join(' | ')}`);
  return r.stdout.trim();
}
