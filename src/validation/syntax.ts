/**
 * Small syntax checks shared by the validators: IP addresses, domains, Go
 * regular expressions, URLs, absolute paths.
 *
 * @module
 */

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => IPV4_PART.test(part));
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string | undefined): string[] => (half === undefined || half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const all = [...head, ...tail];
  let width = 0;
  for (const [index, group] of all.entries()) {
    if (index === all.length - 1 && group.includes('.')) {
      if (!isIpv4(group)) return false;
      width += 2;
    } else if (HEX_GROUP.test(group)) {
      width += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? width < 8 : width === 8;
}

/** An IPv4 or IPv6 address, as Go's `net.ParseIP` accepts it (no zone, no CIDR). */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

// Bacalhau's domain check: some substring must match (the pattern is not anchored).
const DOMAIN_PATTERN = /\b([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}\b/;

/** Whether Bacalhau accepts `entry` in `Network.Domains`. */
export function isAllowedDomain(entry: string): boolean {
  return DOMAIN_PATTERN.test(entry) || isIpAddress(entry);
}

/**
 * Checks a Go (RE2) regular expression. JavaScript's engine stands in for RE2:
 * Go-only syntax (`(?P<name>`, leading flag groups) is translated first, and
 * constructs RE2 lacks (look-around, back-references) are refused. Returns an
 * error description, or `undefined` when the pattern is valid.
 */
export function goRegexError(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around assertions are not supported by Go regular expressions';
  if (/\\[1-9]/.test(pattern)) return 'back-references are not supported by Go regular expressions';
  const translated = pattern.replaceAll('(?P<', '(?<').replace(/\(\?[imsU]+\)/g, '').replace(/\(\?[imsU]+:/g, '(?:');
  try {
    new RegExp(translated);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Absolute on the Linux compute nodes that run tasks. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

const HTTP_URL = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?([?#]\S*)?$/i;

/**
 * Describes what is wrong with a `urlDownload` URL, or returns `undefined`.
 * Bacalhau trims spaces and quotes, then needs an http(s) URL with a path.
 */
export function downloadUrlError(url: string): string | undefined {
  const trimmed = url.trim().replace(/^["']+|["']+$/g, '');
  const match = HTTP_URL.exec(trimmed);
  if (match === null) return 'must be an absolute http:// or https:// URL';
  const path = match[1] ?? '';
  if (path === '' || path === '/') return 'must name a file: the URL needs a path (https://host/file.txt)';
  return undefined;
}

/** Whether `url` is an RFC 2397 `data:` URL (`data:[<mime>][;base64],<data>`). */
export function isDataUrl(url: string): boolean {
  return /^data:[^,]*,/i.test(url);
}
