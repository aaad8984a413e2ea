/** node:crypto and node:child_process for the modules that reach them through these two accessors. */
import * as ChildProcess from 'node:child_process';
import * as Crypto from 'node:crypto';

export const crypto = (): typeof Crypto => Crypto;
export const childProcess = (): typeof ChildProcess => ChildProcess;
