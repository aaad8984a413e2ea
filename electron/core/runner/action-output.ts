/**
 * Where an action's output goes: into the kept tail, and to whoever is watching live (the log view). With no
 * listener a chunk costs one copy into the ring buffer and nothing else.
 */
import { OutputTail } from './output-tail';

export type OutputListener = (chunk: Buffer) => void;

export class ActionOutput {
  readonly tail = new OutputTail();
  private readonly listeners = new Set<OutputListener>();

  write(chunk: Buffer): void {
    this.tail.push(chunk);
    for (const listener of this.listeners) {
      try {
        listener(chunk);
      } catch {
        // A broken viewer must not break the run it is watching.
      }
    }
  }

  /** Cronbar's own notes (HTTP results, builtin reports, cleanup), one line each. */
  writeLine(text: string): void {
    this.write(Buffer.from(`${text}\n`, 'utf8'));
  }

  subscribe(listener: OutputListener): () => void {
    // Wrapped so the same function can subscribe twice and unsubscribe each independently.
    const entry: OutputListener = (chunk) => listener(chunk);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }
}
