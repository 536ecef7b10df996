/** Fan-out of change events to every connected renderer. */
import type { DeskEvent } from '../../src-preload/api.ts';

export type EventListener = (event: DeskEvent) => void;

export class EventBus {
  private listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DeskEvent): void {
    for (const l of this.listeners) l(event);
  }
}
