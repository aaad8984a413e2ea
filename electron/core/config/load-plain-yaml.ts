/**
 * The plain value of a jobs file through js-yaml: loading 100 000 jobs takes 3.4× as long through `yaml`'s positioned
 * document (bench/README.md, "Speed tricks"). Both read YAML 1.2 with the core schema (pinned by
 * test/core/config/load-plain-yaml.test.ts); whatever the two could read differently is refused here (undefined), so
 * the caller falls back to `yaml`, the dialect of record, and its positioned errors.
 */ import { CORE_SCHEMA, load, mapTag } from 'js-yaml';

/**
 * js-yaml turns a `null`/`~` key into "null" where `yaml` makes it "", and `yaml` turns a list key into "[ a, b ]":
 * any key that is not text goes the slow way. A jobs file's keys are always text.
 */
const textKeysOnly = {
  ...mapTag,
  addPair: (container: Record<string, unknown>, key: unknown, value: unknown) =>
    typeof key === 'string' ? mapTag.addPair(container, key, value) : 'a key that is not text',
};

const SCHEMA = CORE_SCHEMA.withTags(textKeysOnly);

/** A `%YAML 1.1` directive switches `yaml` to the 1.1 schema (`on` is true there); js-yaml would not follow. */
const DIRECTIVE = /^%/m;

/** `yaml` merges a `<<:` map into its parent; js-yaml's core schema would keep a key "<<". Only a hint: may overmatch. */
const MERGE_KEY = /<<\s*:/;

/**
 * The value of `text`, or undefined when js-yaml cannot read it exactly as `yaml` would: a syntax error, an empty or
 * multi-document file, an anchor/alias (load-jobs-file.ts bounds their expansion), an unknown tag, a directive,
 * a duplicate or non-text key, a merge key. Never throws.
 */
export function loadPlainYaml(text: string): unknown {
  if (DIRECTIVE.test(text) || MERGE_KEY.test(text)) return undefined;
  try {
    return load(text, { schema: SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
}
