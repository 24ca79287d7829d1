import { createProgram, runProgram } from './program';
import { registerStack } from './commands/stack.command';

const program = createProgram();
registerStack(program);

runProgram(program, process.argv).then((code) => {
  process.exitCode = code;
});
