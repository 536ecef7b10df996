/**
 * The pipeline's last step of this module set: index what the batch stored
 * (store → thread → contact → … → full-text index). It imports the contact
 * step first, so the order of the steps is fixed whatever imports this.
 *
 * Only messages stored whole are indexed here. Header-only rows
 * (headers-first sync) stay in the durable `search_queue` until their body
 * arrives: body-sync.ts indexes each body batch, and search.service.ts indexes
 * whatever is still queued before every search, so nothing stored is ever
 * unsearchable and no message is indexed twice during an initial sync.
 */
import '../contacts/contact-step.ts';
import { indexCompleteMessages } from '../db/search.repo.ts';
import { registerAfterStoreStep } from '../pipeline/after-store.ts';

registerAfterStoreStep((db, stored) => {
  indexCompleteMessages(db, stored.created);
});
