import { PROJECTION_GROUPS } from '../projections/groups';
import { runProjectionGroups } from './projection-workers';

/** Every projection group in one process (what `npm start` runs); workers/consumers/ has one entry point per group. */
runProjectionGroups('reporting-consumer', PROJECTION_GROUPS);
