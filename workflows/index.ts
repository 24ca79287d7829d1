// The workflow bundle's entry point: only workflow code and what it may import (contracts, domain).
export { dossierWorkflow } from './dossier.workflow';
