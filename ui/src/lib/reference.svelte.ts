// Reference data (bodies, persons, organisations, dossiers) shared by the editing screens.
import { backend, type ReferenceData } from './backend';

export const reference = $state<{ data: ReferenceData | null }>({ data: null });

export async function loadReference(): Promise<void> {
  reference.data = await backend.referenceData();
}

/** Municipalities that are members on a date (YYYY-MM-DD), alphabetically. */
export function memberMunicipalities(date: string) {
  return (reference.data?.organisations ?? [])
    .filter((o) => o.kind === 'gemeente' && o.member_from !== null && o.member_from <= date)
    .filter((o) => o.member_until === null || date <= o.member_until)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
