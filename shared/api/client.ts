/**
 * Builds a `window.api` object from the contract: one named method per entry plus `on`. The preload uses it over
 * ipcRenderer; the browser test bridge uses it over Playwright's exposeBinding. Nothing is typed twice.
 */
import {
  type EventName,
  type EventPayload,
  type MethodName,
  type Result,
  type WindowApi,
  channelFor,
  eventChannelFor,
  methodNames,
} from './contract';

export interface ApiTransport {
  /** Sends one call to the main side and resolves with its Result. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Listens on an event channel; returns the unsubscribe. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createWindowApi(transport: ApiTransport): WindowApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    const channel = channelFor(method);
    api[method] = (input?: unknown) => transport.invoke(channel, input ?? {});
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    return transport.subscribe(eventChannelFor(event), (payload) => listener(payload as EventPayload<E>));
  };
  return api as WindowApi;
}

export function isMethodName(name: string): name is MethodName {
  return (methodNames as string[]).includes(name);
}
