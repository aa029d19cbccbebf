import 'reflect-metadata';

export * from './audit';
export * from './auth';
export * from './config';
export * from './context';
export * from './database';
export * from './embedded-postgres';
export * from './errors';
export * from './federation';
export * from './identity';
export * from './loaders';
export * from './pagination';
export * from './server';
export * from './subgraph';
export * from './ids';
export * from './demo';
export * from './demo-directory';
export * from './history';
