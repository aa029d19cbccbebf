// One subgraph in its own process (as `npm start` and the containers run them): argv[2] is JSON { name, databaseUrl, secret, loadDemoData }.
import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { startSubgraph } from '@ess/kit';
import { DEFINITIONS } from './definitions';
import { serveWorker } from './proc';

const args = JSON.parse(process.argv[2]) as { name: string; databaseUrl: string; secret: string; loadDemoData: boolean };

void serveWorker(async () => {
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
