import { findGroup } from '../../projections/groups';
import { runProjectionGroups } from '../projection-workers';

runProjectionGroups('consumer-sla-board', [findGroup('sla-board')!]);
