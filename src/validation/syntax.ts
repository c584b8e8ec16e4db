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

// Letters Go's regexp accepts after a backslash (RE2 syntax); any other letter is an invalid escape.
const GO_ESCAPE_LETTERS = new Set('aftnrvxpPdDsSwWbBAzQE');
const GO_MAX_REPEAT = 1000;

/**
 * Finds what Go's regexp (RE2) refuses but JavaScript's engine would accept:
 * look-around, back-references, unknown escapes, repeat counts over 1000.
 * Escapes are honoured, so `\\1` (a backslash, then 1) is not a back-reference.
 */
function re2OnlyError(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next)) return `back-reference '\\${next}' is not supported by Go regular expressions`;
      if (/[A-Za-z]/.test(next) && !GO_ESCAPE_LETTERS.has(next)) return `invalid escape sequence '\\${next}'`;
      if (next === 'Q') {
        // \Q…\E quotes everything up to \E.
        const end = pattern.indexOf('\\E', i + 2);
        i = end === -1 ? pattern.length : end + 1;
        continue;
      }
      i++;
    } else if (char === '(' && /^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) {
      return 'look-around assertions are not supported by Go regular expressions';
    } else if (char === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat !== null && Math.max(Number(repeat[1]), Number(repeat[3] || 0)) > GO_MAX_REPEAT) {
        return `repeat count over ${GO_MAX_REPEAT} in '${repeat[0]}'`;
      }
    }
  }
  return undefined;
}

/**
 * Checks a Go (RE2) regular expression. JavaScript's engine stands in for RE2
 * for general syntax, after Go-only syntax (`(?P<name>`, flag groups, `\Q…\E`,
 * `\z`) is translated; what RE2 lacks is refused first. Returns an error
 * description, or `undefined` when the pattern is valid.
 */
export function goRegexError(pattern: string): string | undefined {
  const re2Problem = re2OnlyError(pattern);
  if (re2Problem !== undefined) return re2Problem;
  const translated = pattern
    .replace(/\\Q(.*?)(\\E|$)/g, (_, text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .replaceAll('(?P<', '(?<')
    .replace(/\(\?[imsU]+\)/g, '')
    .replace(/\(\?[imsU]+:/g, '(?:')
    .replace(/\\[Az]/g, '');
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
