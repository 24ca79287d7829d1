import { FaultStack } from './fault-stack';

/** After the fault tier: stop the stack it brought up (`.motcua/fault-stack` keeps its data for a look afterwards). */
export default async function teardown(): Promise<void> {
  await FaultStack.down();
}
