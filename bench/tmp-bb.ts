import { buildChildren } from './harness/build-children';
await buildChildren(process.cwd());
