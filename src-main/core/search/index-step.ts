/**
 * The pipeline's last step of this module set: index what the batch stored
 * (store → thread → contact → … → full-text index). It imports the contact
 * step first, so the order of the steps is fixed whatever imports this.
 * search.service.ts also indexes the queue before every search, which covers
 * bodies the sync stores later outside the pipeline.
 */
import '../contacts/contact-step.ts';
import { indexQueuedMessages } from '../db/search.repo.ts';
import { registerAfterStoreStep } from '../pipeline/after-store.ts';

registerAfterStoreStep((db) => {
  indexQueuedMessages(db);
});
