import { findGroup } from '../../projections/groups';
import { runProjectionGroups } from '../projection-workers';

runProjectionGroups('consumer-task-inbox', [findGroup('task-inbox')!]);
