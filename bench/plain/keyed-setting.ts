/** Plain stand-in for service/keyed-setting.ts: no reader cache kept in the DB (every reader parses and computes). */
export function readKeyedSetting(): string | null {
  return null;
}

export function writeKeyedSetting(): void {}
