/**
 * Typed helpers for `.network(…)`. The signatures allow domains only on an
 * HTTP network and ports only on host and bridge networks, and no `target`
 * port in host mode.
 *
 * @example
 * ```ts
 * import { Task, network } from 'bacalhau-jobs';
 * Task.service().network(network.bridge([{ name: 'WEB', target: 80 }]));
 * ```
 *
 * @group Helpers
 * @module
 */
import { sdkPart } from '../../io/provenance.js';
import type { BridgePort, HostPort, NetworkConfig } from '../../schema/wire.js';

/**
 * A port mapping in host mode.
 *
 * @example
 * ```ts
 * import type { HostPortOptions } from 'bacalhau-jobs';
 * const port: HostPortOptions = { name: 'HTTP', static: 8080 };
 * ```
 */
export interface HostPortOptions {
  /** `[A-Za-z_][A-Za-z0-9_]*`; the task sees `BACALHAU_PORT_<name>`. */
  readonly name: string;
  /** Host port, 1024–65535; omit to let the node allocate one. */
  readonly static?: number | undefined;
  /** IP address to bind; omit for all interfaces. */
  readonly hostNetwork?: string | undefined;
}

/**
 * A port mapping in bridge mode.
 *
 * @example
 * ```ts
 * import type { BridgePortOptions } from 'bacalhau-jobs';
 * const port: BridgePortOptions = { name: 'HTTP', static: 8080, target: 80 };
 * ```
 */
export interface BridgePortOptions extends HostPortOptions {
  /** Port inside the container; omit to use the host port. */
  readonly target?: number | undefined;
}

function hostPort(port: HostPortOptions): HostPort {
  const wire: { -readonly [K in keyof HostPort]: HostPort[K] } = { Name: port.name };
  if (port.static !== undefined) wire.Static = port.static;
  if (port.hostNetwork !== undefined) wire.HostNetwork = port.hostNetwork;
  return wire;
}

function bridgePort(port: BridgePortOptions): BridgePort {
  const wire: { -readonly [K in keyof BridgePort]: BridgePort[K] } = { Name: port.name };
  if (port.static !== undefined) wire.Static = port.static;
  if (port.target !== undefined) wire.Target = port.target;
  if (port.hostNetwork !== undefined) wire.HostNetwork = port.hostNetwork;
  return wire;
}

/**
 * No network access at all.
 *
 * @example
 * ```ts
 * import { network } from 'bacalhau-jobs';
 * network.none(); // { Type: 'None' }
 * ```
 */
export function none(): NetworkConfig {
  return sdkPart({ Type: 'None' });
}

/**
 * HTTP(S) access through a proxy, limited to `domains` (lowercase host names;
 * a leading `.` also allows subdomains; IP addresses allowed).
 *
 * @example
 * ```ts
 * import { network } from 'bacalhau-jobs';
 * network.http(['.github.com', 'pypi.org']);
 * // { Type: 'HTTP', Domains: ['.github.com', 'pypi.org'] }
 * ```
 */
export function http(domains: readonly string[]): NetworkConfig {
  // No domains is the same as leaving the key out; canonical specs do.
  return sdkPart(domains.length === 0 ? { Type: 'HTTP' } : { Type: 'HTTP', Domains: [...domains] });
}

/**
 * The host's network stack, optionally with named ports.
 *
 * @example
 * ```ts
 * import { network } from 'bacalhau-jobs';
 * network.host([{ name: 'HTTP', static: 8080 }]);
 * // { Type: 'Host', Ports: [{ Name: 'HTTP', Static: 8080 }] }
 * ```
 */
export function host(ports: readonly HostPortOptions[] = []): NetworkConfig {
  return sdkPart(ports.length === 0 ? { Type: 'Host' } : { Type: 'Host', Ports: ports.map(hostPort) });
}

/**
 * An isolated network namespace on a bridge, with port mappings.
 *
 * @example
 * ```ts
 * import { network } from 'bacalhau-jobs';
 * network.bridge([{ name: 'WEB', static: 8080, target: 80 }]);
 * // { Type: 'Bridge', Ports: [{ Name: 'WEB', Static: 8080, Target: 80 }] }
 * ```
 */
export function bridge(ports: readonly BridgePortOptions[] = []): NetworkConfig {
  return sdkPart(ports.length === 0 ? { Type: 'Bridge' } : { Type: 'Bridge', Ports: ports.map(bridgePort) });
}
