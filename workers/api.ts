import { createApi } from '../api/create-api';
import { ApiConfig, readConfig } from './config';
import { runMain } from './run-main';

/** HTTP API: validates commands with zod, starts and updates workflows, reads the read models. */
runMain('api', async (onStop, { readiness }) => {
  const config = readConfig(ApiConfig);
  const api = await createApi(config);
  let closed!: () => void;
  const done = new Promise<void>((r) => (closed = r));
  onStop(async () => {
    await api.close();
    closed();
  });
  const url = await api.app.listen({ host: config.MOTCUA_API_HOST, port: config.MOTCUA_API_PORT });
  process.stderr.write(`api: listening on ${url}\n`);
  readiness(() => true);
  await done;
});
