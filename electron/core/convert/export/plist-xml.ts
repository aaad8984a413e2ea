/**
 * Plain data as an XML property list (Apple's PropertyList-1.0 DTD, the format launchd.plist(5) reads). The `plist`
 * package's build() took ~150 µs of CPU per agent here (its XML builder), over the export's 1 s budget for 10 000
 * jobs, so the few types an agent holds — dict, array, string, integer, boolean — are written directly. The tests
 * read every plist back with the `plist` package and with Python's plistlib.
 */
type Data = string | number | boolean | Data[] | { [key: string]: Data };

export class PlistError extends Error {}

/** XML 1.0 allows no control characters but tab, newline and carriage return, escaped or not (nor U+FFFE/U+FFFF). */
function invalidXml(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff)
      return true;
  }
  return false;
}

function text(value: string): string {
  if (invalidXml(value))
    throw new PlistError(`${JSON.stringify(value)} holds a control character an XML plist cannot carry`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(value: Data, indent: string, out: string[]): void {
  if (typeof value === 'string') out.push(`${indent}<string>${text(value)}</string>`);
  else if (typeof value === 'boolean') out.push(`${indent}<${value}/>`);
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new PlistError(`${value} is not an integer`);
    out.push(`${indent}<integer>${value}</integer>`);
  } else if (Array.isArray(value)) {
    out.push(`${indent}<array>`);
    for (const item of value) element(item, `${indent}\t`, out);
    out.push(`${indent}</array>`);
  } else {
    out.push(`${indent}<dict>`);
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out.push(`${indent}\t<key>${text(key)}</key>`);
      element(item, `${indent}\t`, out);
    }
    out.push(`${indent}</dict>`);
  }
}

export function plistXml(value: Record<string, unknown>): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
  ];
  element(value as Data, '', out);
  out.push('</plist>', '');
  return out.join('\n');
}
