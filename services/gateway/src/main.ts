// Starts the gateway from the environment (see README: configuration).
import { readGatewayConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const gateway = await startGateway(readGatewayConfig());
  console.info(`[gateway] ready at ${gateway.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`[gateway] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
