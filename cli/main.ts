import { createProgram, runProgram } from './program';
import { registerStack } from './commands/stack.command';
import { registerDeadline } from './commands/deadline.command';
import { registerWorkingTime } from './commands/working-time.command';

const program = createProgram();
registerStack(program);
registerDeadline(program);
registerWorkingTime(program);

runProgram(program, process.argv).then((code) => {
  process.exitCode = code;
});
