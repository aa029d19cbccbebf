// The procurement workspace's pages, by route, all loaded on demand (the initial JavaScript stays within its budget).
import { lazy, type ReactNode } from 'react';
import type { Route } from '../router';

const ContractsPage = lazy(() => import('./ContractsPage'));
const ContractPage = lazy(() => import('./ContractPage'));
const DecpImportPage = lazy(() => import('./DecpImportPage'));
const SpaserPage = lazy(() => import('./SpaserPage'));
const ContractFormPage = lazy(() => import('./ContractFormPage'));

export function procurementRoute(route: Route, authorities: string[]): ReactNode {
  switch (route.name) {
    case 'contracts':
      return <ContractsPage authorities={authorities} />;
    case 'contract':
      return <ContractPage key={route.id} id={route.id} />;
    case 'decpImport':
      return <DecpImportPage authorities={authorities} />;
    case 'contractNew':
      return <ContractFormPage />;
    case 'contractEdit':
      return <ContractFormPage key={route.id} id={route.id} />;
    case 'spaserHome':
      return <SpaserPage />;
    case 'spaser':
      return <SpaserPage key={route.id} id={route.id} />;
    default:
      return null;
  }
}
