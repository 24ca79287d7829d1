import { findGroup } from '../../projections/groups';
import { runProjectionGroups } from '../projection-workers';

runProjectionGroups('consumer-statistics', [findGroup('statistics')!]);
