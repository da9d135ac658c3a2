// Reference data (bodies, persons, organisations, dossiers) shared by the editing screens.
import { backend, type ReferenceData } from './backend';

export const reference = $state<{ data: ReferenceData | null }>({ data: null });

export async function loadReference(): Promise<void> {
  reference.data = await backend.referenceData();
}
