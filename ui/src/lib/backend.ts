// The one module that talks to the Rust side. Screens import `backend` and the types below;
// they never call `invoke` themselves. Every failure arrives as an ApiError {code, message}
// with a Dutch message that can be shown as it is.
import { invoke } from '@tauri-apps/api/core';

export interface ApiError {
  code: string;
  message: string;
}

export type MeetingStatus = 'concept' | 'gepubliceerd' | 'vergaderd' | 'besluitenlijst_vastgesteld';
export type ItemKind =
  | 'hamerstuk'
  | 'ter_besluitvorming'
  | 'ter_bespreking'
  | 'ter_informatie'
  | 'ingekomen_stukken'
  | 'rondvraag';
export type ItemLevel = 'strategisch' | 'tactisch' | 'operationeel';
export type Confidentiality = 'openbaar' | 'vertrouwelijk' | 'besloten';
export type Outcome =
  | 'aangenomen'
  | 'verworpen'
  | 'aangehouden'
  | 'teruggetrokken'
  | 'besproken'
  | 'voor_kennisgeving_aangenomen';
export type VoteChoice = 'voor' | 'tegen' | 'onthouding' | 'afwezig';

export interface AppStatus {
  database_path: string | null;
  demo_loaded: boolean;
  meeting_count: number;
}

export interface MeetingSummary {
  id: number;
  body: string;
  body_code: string;
  body_name: string;
  title: string;
  /** Local Dutch time, ISO 8601 without offset. */
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  status: MeetingStatus;
  status_label: string;
  takes_decisions: boolean;
  item_count: number;
  demo_note: string | null;
}

export interface WeightedVote {
  organisation_id: number;
  municipality: string;
  choice: VoteChoice;
  /** Exact decimal as text. */
  weight: string;
  weight_is_example: boolean;
}

export interface Tally {
  voor: string;
  tegen: string;
  onthouding: string;
  afwezig: string;
  total: string;
  quorum_met: boolean;
  result: 'aangenomen' | 'verworpen' | 'stemmen_staken' | 'geen_quorum';
  result_label: string;
  uses_example_weights: boolean;
  dissent_sentence: string | null;
}

export interface AgendaItem {
  id: number;
  parent_id: number | null;
  number: string;
  title: string;
  kind: ItemKind;
  kind_label: string;
  level: ItemLevel | null;
  level_label: string | null;
  portefeuillehouder: string | null;
  confidentiality: Confidentiality;
  confidentiality_label: string;
  proposal_md: string | null;
  decision_points: string[];
  outcome: Outcome | null;
  outcome_label: string | null;
  decision_md: string | null;
  dossier_id: number | null;
  votes: WeightedVote[];
  tally: Tally | null;
  warnings: string[];
  demo_note: string | null;
}

export interface MeetingDetail extends MeetingSummary {
  items: AgendaItem[];
}

function toApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code), message: String(message) };
  }
  return { code: 'onbekend', message: `Onverwachte fout: ${String(e)}` };
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const backend = {
  appStatus: () => call<AppStatus>('app_status'),
  loadDemo: () => call<void>('load_demo'),
  listMeetings: () => call<MeetingSummary[]>('list_meetings'),
  getMeeting: (id: number) => call<MeetingDetail>('get_meeting', { id }),
};
