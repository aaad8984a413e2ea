/** Pushes every service event to the window on its event channel (the preload's `window.api.on` listens there). */
import { type EventName, type EventPayload, eventChannelFor, eventNames } from '../../shared/api/contract';

export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

/** `send` is a no-op while no window exists: the window reloads state when it opens. Returns the unsubscribe. */
export function forwardEvents(
  subscribe: Subscribe,
  send: (channel: string, payload: unknown) => void,
  skip: readonly EventName[] = [],
): () => void {
  const unsubscribers = eventNames
    .filter((event) => !skip.includes(event))
    .map((event) => subscribe(event, (payload) => send(eventChannelFor(event), payload)));
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
