/**
 * The plain value of a jobs file, fast. `yaml`'s document keeps comments and node positions, which the editor and the
 * error messages need, but building it takes ~40 µs a job (4 s for 100 000 jobs, most of it in its tokenizer);
 * js-yaml builds the plain value ~15× faster. Both read YAML 1.2 with the core schema (`on`/`yes` are text, `0o17` is
 * octal; pinned by test/core/config/load-plain-yaml.test.ts). Whatever the two could read differently is refused
 * here (undefined), so the caller falls back to `yaml`, the dialect of record, and its positioned errors.
 */
import { CORE_SCHEMA, load, mapTag } from 'js-yaml';

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
