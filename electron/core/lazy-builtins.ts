/**
 * Node built-ins loaded on first use instead of at start: node:crypto costs ~9 ms and node:child_process ~8 ms to
 * load, and `cronbar list` needs neither (a static import loads them in every process, bundled or not).
 * process.getBuiltinModule is in Node ≥ 20.16 and 22.3 (https://nodejs.org/api/process.html#processgetbuiltinmoduleid).
 */
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';

export const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
export const childProcess = (): typeof ChildProcess => process.getBuiltinModule('node:child_process');
