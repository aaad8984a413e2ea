/** Plain stand-in for config/load-plain-yaml.ts: never a plain value, so every file is read by `yaml` with positions. */
export function loadPlainYaml(): unknown {
  return undefined;
}
