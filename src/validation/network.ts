/**
 * Task `Network` rules (`bacalhau-task-spec.md` §11).
 *
 * @module
 */

import { NETWORK_TYPE_NAMES, networkType, WIRE_FIELDS, type NetworkTypeName } from '../schema/description.js';
import { expectObject, fieldReader } from './fields.js';
import { childPath, indexPath, orList, type Report } from '../core/report.js';
import { isAllowedDomain, isIpAddress } from './syntax.js';

const readNetwork = fieldReader(WIRE_FIELDS.network, 'network');
const readPort = fieldReader(WIRE_FIELDS.port, 'port mapping');

const PORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// 256 minus len("BACALHAU_HOST_PORT_"): the name becomes part of an environment variable.
const PORT_NAME_MAX = 237;

/** Checks a task's `Network`. */
export function checkNetwork(network: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  const fields = readNetwork(network, path, report);
  const rawType = fields['Type'];
  let type: NetworkTypeName | undefined = 'Default';
  if (typeof rawType === 'string') {
    type = networkType(rawType);
    if (type === undefined) {
      report.error(childPath(path, 'Type'), 'network-type', `unknown network type '${rawType}': use ${orList(NETWORK_TYPE_NAMES.filter((name) => name !== 'Full'))}`);
    } else if (type === 'Full') {
      report.warn(childPath(path, 'Type'), 'deprecated', "network type 'Full' is a deprecated alias: write 'Host'");
    }
  }
  const domains = fields['Domains'] as readonly string[] | undefined;
  if (domains !== undefined && domains.length > 0) {
    if (type !== undefined && type !== 'HTTP') {
      report.error(childPath(path, 'Domains'), 'network-domains', `domains can only be set for HTTP network mode, not ${type}`);
    }
    for (const [index, domain] of domains.entries()) {
      if (!isAllowedDomain(domain)) {
        const hint = domain !== domain.toLowerCase() ? ' (domains must be lowercase)' : '';
        report.error(indexPath(childPath(path, 'Domains'), index), 'domain', `invalid domain '${domain}'${hint}: use a host name such as 'example.com' or '.example.com', or an IP address`);
      }
    }
  }
  const ports = fields['Ports'] as readonly unknown[] | undefined;
  if (ports !== undefined && ports.length > 0) {
    if (type !== undefined && type !== 'Host' && type !== 'Full' && type !== 'Bridge') {
      report.error(childPath(path, 'Ports'), 'network-ports', `ports can only be set for Host or Bridge network modes, not ${type}`);
    }
    checkPorts(ports, childPath(path, 'Ports'), type === 'Bridge', type === 'Host' || type === 'Full', report);
  }
}

function checkPorts(ports: readonly unknown[], path: string, bridge: boolean, host: boolean, report: Report): void {
  const names = new Map<string, number>();
  const statics = new Map<number, number>();
  const targets = new Map<number, number>();
  const unique = <K>(seen: Map<K, number>, key: K, index: number, keyPath: string, what: string): void => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else report.error(keyPath, 'unique', `duplicate port mapping ${what} ${JSON.stringify(key)} (also Ports[${first}])`);
  };
  for (const [index, port] of ports.entries()) {
    const portPath = indexPath(path, index);
    if (!expectObject(port, portPath, 'port mapping', report)) continue;
    const before = report.problems.length;
    const fields = readPort(port, portPath, report);
    const name = fields['Name'];
    const staticPort = typeof fields['Static'] === 'number' ? fields['Static'] : 0;
    const target = typeof fields['Target'] === 'number' ? fields['Target'] : 0;
    if (typeof name === 'string') {
      if (name === '') report.error(childPath(portPath, 'Name'), 'required', 'port mapping name is required');
      else if (!PORT_NAME.test(name)) report.error(childPath(portPath, 'Name'), 'port-name', `port name must be a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*), got '${name}'`);
      else if (name.length > PORT_NAME_MAX) report.error(childPath(portPath, 'Name'), 'port-name', `port name must be at most ${PORT_NAME_MAX} characters`);
    }
    if (staticPort !== 0 && (staticPort < 1024 || staticPort > 65535)) {
      const why = staticPort > 65535 ? 'is above maximum valid port 65535' : staticPort < 0 ? 'is not a port number (use 1024–65535)' : 'is in privileged port range (1-1023)';
      report.error(childPath(portPath, 'Static'), 'port-range', `static port ${staticPort} ${why}`);
    }
    if (target < 0 || target > 65535) report.error(childPath(portPath, 'Target'), 'port-range', `invalid target port ${target}: must be 0–65535`);
    if (host && target !== 0) report.error(childPath(portPath, 'Target'), 'port-target', 'target ports cannot be set for Host network mode (the task uses the host port)');
    const hostNetwork = fields['HostNetwork'];
    if (typeof hostNetwork === 'string' && hostNetwork !== '' && !isIpAddress(hostNetwork)) {
      report.error(childPath(portPath, 'HostNetwork'), 'ip-address', `invalid host network IP address: '${hostNetwork}'`);
    }
    // As in Bacalhau, a port that fails its own checks is left out of the duplicate checks.
    if (report.problems.length > before) continue;
    unique(names, name, index, childPath(portPath, 'Name'), 'name');
    if (staticPort !== 0) unique(statics, staticPort, index, childPath(portPath, 'Static'), 'static port');
    if (bridge && target !== 0) unique(targets, target, index, childPath(portPath, 'Target'), 'target port');
  }
}
