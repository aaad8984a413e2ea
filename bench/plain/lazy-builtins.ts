/** Plain stand-in for core/lazy-builtins.ts: the built-ins imported at start, as a static import would. */
import * as ChildProcess from 'node:child_process';
import * as Crypto from 'node:crypto';

export const crypto = (): typeof Crypto => Crypto;
export const childProcess = (): typeof ChildProcess => ChildProcess;
