/**
 * Entra's target attribute names as the attribute-mapping editor writes them (research §2.4):
 * `userName`, `name.givenName`, `emails[type eq "work"].value`, and extension attributes as
 * `urn:…:enterprise:2.0:User:department` (`:` before the name, fixed in 2018, research §2.6).
 * The same string is the PATCH `path`; here it is also placed into a create body and read back
 * from a resource the target returned.
 */
export interface TargetPath {
  /** Extension schema URN, for `urn:…:User:attr`. */
  urn?: string;
  attribute: string;
  /** `emails[type eq "work"]`: the element whose `type` is "work". */
  filter?: { attribute: string; value: string };
  subAttribute?: string;
}

const FILTERED = /^([A-Za-z][\w$-]*)\[\s*([A-Za-z][\w$-]*)\s+eq\s+"([^"]*)"\s*\](?:\.([A-Za-z][\w$-]*))?$/;

export function parseTargetPath(path: string): TargetPath {
  if (path.startsWith('urn:')) {
    const at = path.lastIndexOf(':');
    return { ...parseTargetPath(path.slice(at + 1)), urn: path.slice(0, at) };
  }
  const filtered = FILTERED.exec(path);
  if (filtered) {
    const [, attribute, filterAttribute, value, subAttribute] = filtered;
    return { attribute: attribute!, filter: { attribute: filterAttribute!, value: value! }, ...(subAttribute ? { subAttribute } : {}) };
  }
  const dot = path.indexOf('.');
  return dot < 0 ? { attribute: path } : { attribute: path.slice(0, dot), subAttribute: path.slice(dot + 1) };
}

/** Places a value into a create body (creating the complex value or the filtered element as needed). */
export function setTargetValue(body: Record<string, unknown>, path: string, value: unknown): void {
  const parsed = parseTargetPath(path);
  const container = parsed.urn === undefined ? body : ((body[parsed.urn] ??= {}) as Record<string, unknown>);
  if (parsed.filter) {
    const list = (container[parsed.attribute] ??= []) as Array<Record<string, unknown>>;
    let element = list.find((item) => item[parsed.filter!.attribute] === parsed.filter!.value);
    if (!element) {
      element = { [parsed.filter.attribute]: filterValue(parsed.filter.value) };
      list.push(element);
    }
    if (parsed.subAttribute === undefined) element['value'] = value;
    else element[parsed.subAttribute] = value;
    return;
  }
  if (parsed.subAttribute !== undefined) {
    const complex = (container[parsed.attribute] ??= {}) as Record<string, unknown>;
    complex[parsed.subAttribute] = value;
    return;
  }
  container[parsed.attribute] = value;
}

/** `primary eq "True"` filters compare with the boolean the target stores. */
function filterValue(value: string): unknown {
  return value === 'True' ? true : value === 'False' ? false : value;
}

/** The value at a target path in a resource the target returned; undefined when absent. Names compare case-insensitively (RFC 7643 §2.1). */
export function readTargetValue(resource: unknown, path: string): unknown {
  const parsed = parseTargetPath(path);
  const container = parsed.urn === undefined ? resource : member(resource, parsed.urn);
  const value = member(container, parsed.attribute);
  if (parsed.filter) {
    if (!Array.isArray(value)) return undefined;
    const element = value.find((item) => sameScalar(member(item, parsed.filter!.attribute), parsed.filter!.value, false));
    return element === undefined ? undefined : member(element, parsed.subAttribute ?? 'value');
  }
  return parsed.subAttribute === undefined ? value : member(value, parsed.subAttribute);
}

function member(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/**
 * Whether the target already holds what Entra would send. Entra's values are strings ("True"), the
 * target's may be JSON booleans or numbers; case is ignored unless the attribute is case-exact
 * ("Exact case?" defaults to false, E-FUNC).
 */
export function sameScalar(targetValue: unknown, entraValue: string, caseExact: boolean): boolean {
  if (targetValue === undefined || targetValue === null) return false;
  const text = typeof targetValue === 'boolean' ? (targetValue ? 'True' : 'False') : typeof targetValue === 'object' ? JSON.stringify(targetValue) : String(targetValue);
  return caseExact ? text === entraValue : text.toLowerCase() === entraValue.toLowerCase();
}
