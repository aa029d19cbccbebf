// One subgraph in its own process (as `npm start` and the containers run them): the argument (over IPC) is { name, databaseUrl, secret, loadDemoData }.
import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { startSubgraph } from '@ess/kit';
import { DEFINITIONS } from './definitions';
import { serveWorker } from './proc';

void serveWorker(async (args: { name: string; databaseUrl: string; secret: string; loadDemoData: boolean }) => {
  const definition = DEFINITIONS.find((d) => d.name === args.name);
  if (!definition) throw new Error(`no subgraph named ${args.name}`);
  const started = await startSubgraph(
    definition,
    { host: '127.0.0.1', port: 0, databaseUrl: args.databaseUrl, gatewaySecret: args.secret, production: false, loadDemoData: args.loadDemoData },
    { exposeStatementCount: true },
  );
  const sdl = printSubgraphSchema(await definition.buildSchema(started.dataSource));
  return { value: { url: started.url, sdl }, stop: () => started.close() };
});
