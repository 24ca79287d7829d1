import { createProgram, runProgram } from './program';
import { registerStack } from './commands/stack.command';
import { registerEngine } from './commands/engine.command';
import { registerTest } from './commands/test.command';
import { registerDemo } from './commands/demo.command';
import { registerProjections } from './commands/projections.command';
import { registerDeadline } from './commands/deadline.command';
import { registerWorkingTime } from './commands/working-time.command';
import { registerCatalog } from './commands/catalog.command';
import { registerContracts } from './commands/contracts.command';
import { registerReport } from './commands/report.command';
import { registerTemporal } from './commands/temporal.command';
import { registerToken } from './commands/token.command';
import { registerSimulate } from './commands/simulate.command';
import { registerForecast } from './commands/forecast.command';

// a reader that closes early (`| head`) ends the command quietly, not with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = createProgram();
registerStack(program);
registerEngine(program);
registerTest(program);
registerDemo(program);
registerProjections(program);
registerDeadline(program);
registerWorkingTime(program);
registerCatalog(program);
registerContracts(program);
registerReport(program);
registerToken(program);
registerTemporal(program);
registerSimulate(program);
registerForecast(program);

// runProgram reports every failure itself and resolves to the exit code
void runProgram(program, process.argv).then((code) => {
  process.exitCode = code;
});
