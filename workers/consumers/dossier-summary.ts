import { findGroup } from '../../projections/groups';
import { runProjectionGroups } from '../projection-workers';

runProjectionGroups('consumer-dossier-summary', [findGroup('dossier-summary')!]);
