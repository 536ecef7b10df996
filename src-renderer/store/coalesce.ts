/**
 * Runs an async refresh at most once at a time: calls that arrive while it
 * runs collapse into one more run afterwards. Bursts of change events
 * (a sync storing thousands of messages) thus cost two queries, not thousands.
 */
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
