import { createProgram, runProgram } from './program';
import { registerStack } from './commands/stack.command';
import { registerDeadline } from './commands/deadline.command';
import { registerWorkingTime } from './commands/working-time.command';
import { registerCatalog } from './commands/catalog.command';

const program = createProgram();
registerStack(program);
registerDeadline(program);
registerWorkingTime(program);
registerCatalog(program);

runProgram(program, process.argv).then((code) => {
  process.exitCode = code;
});
