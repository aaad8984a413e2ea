/**
 * The keys the jobs-file schema allows at a path (`['jobs', 2]` → id, name, cron, …), read from the zod schema itself
 * so the did-you-mean list can never drift from what is accepted.
 */
import type { z } from 'zod';

type Segment = string | number;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

export function knownKeysAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  const keys = new Set<string>();
  for (const object of objectsAt(schema, path)) for (const key of Object.keys(defOf(object).shape ?? {})) keys.add(key);
  return [...keys];
}

/** Every object schema that can sit at `path` (unions give several). */
function objectsAt(schema: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return objectsAt(def.innerType!, path);
    case 'pipe':
      return objectsAt(def.in!, path);
    case 'union':
      return (def.options ?? []).flatMap((option) => objectsAt(option, path));
    case 'object': {
      if (path.length === 0) return [schema];
      const next = def.shape?.[String(path[0])];
      return next ? objectsAt(next, path.slice(1)) : [];
    }
    case 'array':
      return path.length > 0 && typeof path[0] === 'number' ? objectsAt(def.element!, path.slice(1)) : [];
    case 'record':
      return path.length > 0 ? objectsAt(def.valueType!, path.slice(1)) : [];
    default:
      return [];
  }
}
