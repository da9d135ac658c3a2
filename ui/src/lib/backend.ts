// The one module that talks to the Rust side. Screens import `backend` and the types below;
// they never call `invoke` themselves. Every failure arrives as an ApiError {code, message}
// with a Dutch message that can be shown as it is.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

export interface ApiError {
  code: string;
  message: string;
  /** Only for `bundle_untrusted`: the signer of the bundle, to compare and trust. */
  details?: { name: string; fingerprint: string; public_key: string };
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
  portefeuillehouder_id: number | null;
  portefeuillehouder: string | null;
  confidentiality: Confidentiality;
  confidentiality_label: string;
  proposal_md: string | null;
  /** Rendered by the core from Markdown; raw HTML in the text is escaped there. */
  proposal_html: string | null;
  decision_points: string[];
  outcome: Outcome | null;
  outcome_label: string | null;
  decision_md: string | null;
  decision_html: string | null;
  dossier_id: number | null;
  votes: WeightedVote[];
  tally: Tally | null;
  route: RouteStep[];
  attachments: AttachmentInfo[];
  measures: MeasureSummary[];
  warnings: string[];
  demo_note: string | null;
}

export interface RouteStep {
  agenda_item_id: number;
  meeting_id: number;
  body: string;
  body_code: string;
  starts_at: string;
  title: string;
  kind: ItemKind;
  outcome: Outcome | null;
  outcome_label: string | null;
}

export interface AttachmentInfo {
  id: number;
  agenda_item_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  page_count: number | null;
  added_at: string;
}

export type Presence = 'aanwezig' | 'afwezig' | 'vertegenwoordigd';

export interface AttendanceRow {
  person_id: number;
  person_name: string;
  represents: string | null;
  presence: Presence | null;
  presence_label: string | null;
  substitute: string | null;
}

export type ActionStatus = 'open' | 'in_uitvoering' | 'afgerond' | 'vervallen';

export interface ActionView {
  id: number;
  description: string;
  organisation: string | null;
  role: string | null;
  due_date: string | null;
  status: ActionStatus;
  status_label: string;
  is_commitment: boolean;
  overdue: boolean;
  source: string | null;
  agenda_item_id: number | null;
  meeting_id: number | null;
  demo_note: string | null;
}

export type MeasureStatus =
  | 'voorgesteld'
  | 'besloten'
  | 'in_uitvoering'
  | 'gerealiseerd'
  | 'niet_doorgevoerd'
  | 'alternatief_in_ontwikkeling';
export type TrafficLight = 'groen' | 'oranje' | 'rood' | 'onbekend';

export interface YearFigure {
  year: number;
  /** Exact decimal text; null is unknown, never zero. */
  target: string | null;
  realised: string | null;
  gap: string | null;
}

export interface MeasureSummary {
  id: number;
  code: string;
  title: string;
  kind: string | null;
  source_plan: 'omdenknotitie' | 'aanjaagplan' | 'aef_advies' | 'overig';
  source_plan_label: string;
  trekker: string | null;
  trekker_id: number | null;
  second: string | null;
  status: MeasureStatus;
  status_label: string;
  traffic_light: TrafficLight;
  traffic_light_label: string;
  traffic_light_reason: string;
  behind_schedule: boolean;
  years: YearFigure[];
  uses_example_amounts: boolean;
  demo_note: string | null;
}

export interface StatusChange {
  id: number;
  status: MeasureStatus;
  status_label: string;
  changed_on: string;
  reason: string | null;
  agenda_item_id: number | null;
  decided_at: string | null;
}

export interface LinkedItem {
  agenda_item_id: number;
  meeting_id: number;
  body: string;
  starts_at: string;
  title: string;
  outcome_label: string | null;
  decision_md: string | null;
}

export interface IndicatorPoint {
  period: string;
  target: string | null;
  measured: string | null;
  behind: boolean;
}

export interface Indicator {
  id: number;
  name: string;
  unit: string | null;
  higher_is_better: boolean;
  points: IndicatorPoint[];
}

export interface MeasureEdit {
  title: string;
  description: string | null;
  trekker_id: number | null;
  trekker_text: string | null;
  second_id: number | null;
  responsible: string | null;
  knelpunten: string | null;
  time_path: string | null;
}

export interface NewMeasure extends MeasureEdit {
  code: string;
  kind: string | null;
  source_plan: MeasureSummary['source_plan'];
  source_version: string | null;
  status: MeasureStatus;
  demo_note: string | null;
}

export interface MeasureDetail extends MeasureSummary {
  description: string | null;
  source_version: string | null;
  second_id: number | null;
  trekker_text: string | null;
  indicators: Indicator[];
  responsible: string | null;
  knelpunten: string | null;
  time_path: string | null;
  history: StatusChange[];
  linked_items: LinkedItem[];
}

export const MEASURE_STATUSES: [MeasureStatus, string][] = [
  ['voorgesteld', 'Voorgesteld'],
  ['besloten', 'Besloten'],
  ['in_uitvoering', 'In uitvoering'],
  ['gerealiseerd', 'Gerealiseerd'],
  ['niet_doorgevoerd', 'Niet doorgevoerd'],
  ['alternatief_in_ontwikkeling', 'Alternatief in ontwikkeling'],
];

export interface MeetingDetail extends MeetingSummary {
  chair_id: number | null;
  chair: string | null;
  secretary_id: number | null;
  secretary: string | null;
  attendance: AttendanceRow[];
  items: AgendaItem[];
  actions: ActionView[];
}

export interface Body {
  id: number;
  code: string;
  name: string;
  short_name: string;
  decision_power: 'besluitvormend' | 'niet_besluitvormend' | 'onbekend';
  level: 'strategisch' | 'tactisch_operationeel' | null;
  weighted_voting: boolean;
  holds_meetings: boolean;
  description: string | null;
}

export interface Person {
  id: number;
  name: string;
  organisation_id: number | null;
  is_demo: boolean;
  note: string | null;
}

export interface Organisation {
  id: number;
  code: string;
  name: string;
  kind: string;
  subregion: string | null;
  member_from: string | null;
  member_until: string | null;
}

export interface Dossier {
  id: number;
  title: string;
  note: string | null;
}

export interface ReferenceData {
  bodies: Body[];
  persons: Person[];
  organisations: Organisation[];
  dossiers: Dossier[];
}

export interface NewMeeting {
  body_id: number;
  title: string;
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  status: MeetingStatus;
  demo_note: string | null;
}

export interface MeetingUpdate {
  title: string;
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  chair_id: number | null;
  secretary_id: number | null;
}

export interface ItemFields {
  title: string;
  kind: ItemKind;
  level: ItemLevel | null;
  portefeuillehouder_id: number | null;
  confidentiality: Confidentiality;
  proposal_md: string | null;
  decision_points: string[];
  dossier_id: number | null;
}

export interface NewAgendaItem extends ItemFields {
  parent_id: number | null;
  demo_note: string | null;
}

export interface NewAction {
  agenda_item_id: number | null;
  description: string;
  organisation_id: number | null;
  role: string | null;
  due_date: string | null;
  is_commitment: boolean;
  demo_note: string | null;
}

export type Vote = [organisationId: number, choice: VoteChoice];

export type SearchKind = 'meeting' | 'item' | 'attachment' | 'measure' | 'point';

export interface SearchFilter {
  kinds: SearchKind[];
  body: string | null;
  from: string | null;
  to: string | null;
  /** Organisation code of a municipality (DORDRECHT). */
  municipality: string | null;
}

export interface SearchHit {
  kind: SearchKind;
  kind_label: string;
  ref_id: number;
  page: number | null;
  title: string;
  meeting_id: number | null;
  body: string | null;
  day: string | null;
  snippet: { text: string; hit: boolean }[];
}

export interface AttachmentPage {
  attachment_id: number;
  page: number;
  pages: number;
  file_name: string;
  agenda_item_id: number;
  text: string;
  marked: { text: string; hit: boolean }[];
}

export interface PackExport {
  path: string;
  pages: number;
  warnings: string[];
  open_error: string | null;
}

// ---- Zienswijzen and the nota van reactie -------------------------------------------------------

export type NotaStatus = 'concept' | 'vastgesteld_db' | 'behandeld_ab';
export type Stance = 'instemmend' | 'instemmend_met_kanttekeningen' | 'niet_instemmend';
export type SectionKind = 'zienswijze' | 'bijlage' | 'slotverzoeken';
export type NotaFormat = 'pdf' | 'docx' | 'json';

export interface ProcedureSummary {
  id: number;
  title: string;
  subject: string;
  sent_on: string;
  period_weeks: number;
  deadline: string;
  status: NotaStatus;
  status_label: string;
  zienswijzen: number;
  points: number;
  answered: number;
  decided_on: string | null;
}

export interface Problem {
  point_id: number;
  zienswijze_id: number;
  municipality: string;
  point: string;
  message: string;
}

export interface Completeness {
  complete: boolean;
  points: number;
  answered: number;
  errors: Problem[];
  warnings: Problem[];
}

export interface Concern {
  id: number;
  title: string;
  explanation: string;
  mentioned_by: string[];
}

export interface Motion {
  id: number;
  title: string;
  text: string | null;
  received_on: string | null;
  late: boolean;
  agenda_item_id: number | null;
  scheduled_as: string | null;
}

export interface ZienswijzeSummary {
  id: number;
  organisation_id: number;
  municipality: string;
  received_on: string | null;
  late: boolean;
  council_decided_on: string | null;
  stance: Stance | null;
  stance_label: string | null;
  points: number;
  answered: number;
  open: number;
  attachments: { id: number; file_name: string; media_type: string; size_bytes: number; sha256: string }[];
  motions: Motion[];
}

export interface Decision {
  decided_on: string | null;
  /** Exact decimal as text. */
  amount: string | null;
  text: string | null;
  dissent_ids: number[];
}

export interface ProcedureDetail {
  summary: ProcedureSummary;
  documents: string | null;
  agenda_item_id: number | null;
  agenda_item_label: string | null;
  agenda_meeting_id: number | null;
  decision: Decision;
  decision_amount_text: string | null;
  dissent: { id: number; name: string }[];
  letter_text: string | null;
  concerns: Concern[];
  zienswijzen: ZienswijzeSummary[];
  not_received: string[];
  check: Completeness;
  demo_note: string | null;
}

export type ReplyPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; point_ids: number[]; section_id: number | null; dangling: boolean };

export interface Segment {
  id: number;
  text: string;
  parts: ReplyPart[];
  standard_response_code: string | null;
  uncertain: boolean;
  dangling: string[];
}

export interface Point {
  id: number;
  label: string | null;
  title: string | null;
  text: string;
  reply_intro: string | null;
  uncertain: boolean;
  concern_ids: number[];
  segments: Segment[];
  children: Point[];
  answered: boolean;
}

export interface Section {
  id: number;
  kind: SectionKind;
  kind_label: string;
  name: string;
  intro: string | null;
  points: Point[];
}

export interface Zienswijze {
  id: number;
  procedure_id: number;
  procedure_title: string;
  status: NotaStatus;
  organisation_id: number;
  municipality: string;
  received_on: string | null;
  council_decided_on: string | null;
  stance: Stance | null;
  intro: string | null;
  source_text: string | null;
  sections: Section[];
}

export interface LibraryVariant {
  id: number;
  label: string;
  text: string;
  placeholders: string[];
}

export interface StandardResponse {
  id: number;
  code: string;
  title: string;
  historic_uses: number;
  historic_source: string | null;
  uses: number;
  variants: LibraryVariant[];
}

export interface Suggestion {
  point_id: number;
  municipality: string;
  label: string | null;
  procedure_title: string;
  score: number;
  inbreng: string;
  reply: string;
}

export interface ReferenceOption {
  point_id: number;
  municipality: string;
  section: string;
  label: string;
  phrase: string;
  excerpt: string;
}

export interface NotaExport {
  path: string;
  bytes: number;
  open_error: string | null;
}

export interface NewProcedure {
  title: string;
  subject: string;
  documents: string | null;
  sent_on: string;
  period_weeks: number;
  agenda_item_id: number | null;
  demo_note: string | null;
}

export const STANCES: [Stance, string][] = [
  ['instemmend', 'Instemmend'],
  ['instemmend_met_kanttekeningen', 'Instemmend met kanttekeningen'],
  ['niet_instemmend', 'Niet instemmend'],
];

/** The status steps a nota can take from where it is. */
export const NEXT_NOTA_STATUS: Record<NotaStatus, [NotaStatus, string][]> = {
  concept: [['vastgesteld_db', 'Vaststellen door DB']],
  vastgesteld_db: [
    ['behandeld_ab', 'Markeren als behandeld in AB'],
    ['concept', 'Terug naar concept'],
  ],
  behandeld_ab: [],
};

/** Dutch labels of the closed vocabularies, for choosers (the core sends labels with data). */
export const ITEM_KINDS: [ItemKind, string][] = [
  ['hamerstuk', 'Hamerstuk'],
  ['ter_besluitvorming', 'Ter besluitvorming'],
  ['ter_bespreking', 'Ter bespreking'],
  ['ter_informatie', 'Ter informatie'],
  ['ingekomen_stukken', 'Ingekomen stukken'],
  ['rondvraag', 'Rondvraag'],
];
export const ITEM_LEVELS: [ItemLevel, string][] = [
  ['strategisch', 'Strategisch'],
  ['tactisch', 'Tactisch'],
  ['operationeel', 'Operationeel'],
];
export const CONFIDENTIALITIES: [Confidentiality, string][] = [
  ['openbaar', 'Openbaar'],
  ['vertrouwelijk', 'Vertrouwelijk'],
  ['besloten', 'Besloten'],
];
export const OUTCOMES: [Outcome, string][] = [
  ['aangenomen', 'Aangenomen'],
  ['verworpen', 'Verworpen'],
  ['aangehouden', 'Aangehouden'],
  ['teruggetrokken', 'Teruggetrokken'],
  ['besproken', 'Besproken'],
  ['voor_kennisgeving_aangenomen', 'Voor kennisgeving aangenomen'],
];
export const VOTE_CHOICES: [VoteChoice, string][] = [
  ['voor', 'Voor'],
  ['tegen', 'Tegen'],
  ['onthouding', 'Onthouding'],
  ['afwezig', 'Afwezig'],
];
export const NEXT_STATUS: Record<MeetingStatus, [MeetingStatus, string][]> = {
  concept: [['gepubliceerd', 'Publiceren']],
  gepubliceerd: [
    ['vergaderd', 'Markeren als vergaderd'],
    ['concept', 'Terug naar concept'],
  ],
  vergaderd: [['besluitenlijst_vastgesteld', 'Besluitenlijst vaststellen']],
  besluitenlijst_vastgesteld: [],
};

function toApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message, details } = e as { code: unknown; message: unknown; details?: ApiError['details'] };
    return details ? { code: String(code), message: String(message), details } : { code: String(code), message: String(message) };
  }
  return { code: 'onbekend', message: `Onverwachte fout: ${String(e)}` };
}

/** Runs a change through the backend; resolves to the error to show, or null when it worked. */
export async function attempt(action: () => Promise<unknown>): Promise<ApiError | null> {
  try {
    await action();
    return null;
  } catch (e) {
    return toApiError(e);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

// --- Unlocking, backups, private notes and meeting bundles (offline review) ---

export interface UnlockState {
  database_path: string | null;
  unlocked: boolean;
  /** No database yet: the user chooses a passphrase (and gets the demo data). */
  is_new: boolean;
  keyring_available: boolean;
  error: ApiError | null;
}

export interface BackupInfo {
  path: string;
  made_at: string;
  reason: string;
  size_bytes: number;
}

export interface CheckReport {
  schema_version: number;
  integrity: string[];
  foreign_keys: string[];
  search_index: string[];
}

export interface RestoreReport {
  safety_backup: BackupInfo;
  schema_version_restored: number;
}

export type Anchor = 'ok' | 'verplaatst' | 'passage_niet_gevonden' | 'bijlage_vervallen' | 'agendapunt_vervallen';

export interface NoteView {
  id: number;
  item_uid: string;
  /** Null when the item left the agenda in a newer issue. */
  item_id: number | null;
  item_title: string | null;
  attachment_id: number | null;
  attachment_name: string | null;
  page: number | null;
  quote: string | null;
  body: string;
  anchor: Anchor;
  anchor_warning: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewNote {
  item_id: number;
  attachment_id: number | null;
  page: number | null;
  quote: string | null;
  body: string;
}

export interface ItemChange {
  item_uid: string;
  item_id: number | null;
  issue: number;
  what: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface MeetingNotes {
  notes: NoteView[];
  changes: ItemChange[];
  issue: number;
  /** Fingerprint of the signer when the meeting came as a bundle. */
  issued_by: string | null;
}

export interface BundleWritten {
  path: string;
  issue: number;
  items: number;
  attachments: number;
  size_bytes: number;
}

export interface BundleImport {
  meeting_id: number;
  meeting_title: string;
  issue: number;
  previous_issue: number | null;
  signer_name: string;
  items_added: number;
  items_changed: number;
  items_removed: number;
  notes_kept: number;
  notes_to_check: number;
  changes_on_noted_items: ItemChange[];
}

export interface SignerKey {
  public_key: string;
  fingerprint: string;
}

export interface TrustedSigner extends SignerKey {
  name: string;
  added_at: string;
}

export interface Signers {
  own: SignerKey;
  trusted: TrustedSigner[];
}

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    throw toApiError(e);
  }
}

export const backend = {
  appStatus: () => call<AppStatus>('app_status'),
  loadDemo: () => call<void>('load_demo'),
  referenceData: () => call<ReferenceData>('reference_data'),
  createDossier: (title: string) => call<number>('create_dossier', { title }),
  listMeetings: () => call<MeetingSummary[]>('list_meetings'),
  getMeeting: (id: number) => call<MeetingDetail>('get_meeting', { id }),
  createMeeting: (meeting: NewMeeting) => call<number>('create_meeting', { meeting }),
  updateMeeting: (id: number, update: MeetingUpdate) => call<void>('update_meeting', { id, update }),
  setMeetingStatus: (id: number, status: MeetingStatus) => call<void>('set_meeting_status', { id, status }),
  addAgendaItem: (meetingId: number, item: NewAgendaItem) => call<number>('add_agenda_item', { meetingId, item }),
  updateAgendaItem: (id: number, update: ItemFields) => call<void>('update_agenda_item', { id, update }),
  moveAgendaItem: (id: number, parentId: number | null, index: number) =>
    call<void>('move_agenda_item', { id, parentId, index }),
  deleteAgendaItem: (id: number) => call<void>('delete_agenda_item', { id }),
  setOutcome: (id: number, outcome: Outcome | null, decision: string | null) =>
    call<void>('set_outcome', { id, outcome, decision }),
  voters: (meetingId: number) => call<WeightedVote[]>('voters', { meetingId }),
  previewTally: (meetingId: number, votes: Vote[]) => call<Tally>('preview_tally', { meetingId, votes }),
  recordVotes: (itemId: number, votes: Vote[]) => call<void>('record_votes', { itemId, votes }),
  setPresence: (meetingId: number, personId: number, presence: Presence | null, substitute: string | null) =>
    call<void>('set_presence', { meetingId, personId, presence, substitute }),
  listActions: () => call<ActionView[]>('list_actions'),
  addAction: (action: NewAction) => call<number>('add_action', { action }),
  setActionStatus: (id: number, status: ActionStatus) => call<void>('set_action_status', { id, status }),
  /** Sends the file as raw bytes; the name travels URI-encoded in a header. */
  addAttachment: async (itemId: number, file: File) =>
    call<number>('add_attachment', new Uint8Array(await file.arrayBuffer()), {
      'x-item-id': String(itemId),
      'x-file-name': encodeURIComponent(file.name),
    }),
  deleteAttachment: (id: number) => call<void>('delete_attachment', { id }),
  listMeasures: () => call<MeasureSummary[]>('list_measures'),
  getMeasure: (id: number) => call<MeasureDetail>('get_measure', { id }),
  addMeasure: (measure: NewMeasure) => call<number>('add_measure', { measure }),
  updateMeasure: (id: number, edit: MeasureEdit) => call<void>('update_measure', { id, edit }),
  addIndicator: (measureId: number, name: string, unit: string | null, higherIsBetter: boolean) =>
    call<number>('add_indicator', { measureId, name, unit, higherIsBetter }),
  setIndicatorPoint: (indicatorId: number, period: string, target: string, measured: string) =>
    call<void>('set_indicator_point', { indicatorId, period, target, measured }),
  linkMeasure: (itemId: number, measureId: number) => call<void>('link_measure', { itemId, measureId }),
  unlinkMeasure: (itemId: number, measureId: number) => call<void>('unlink_measure', { itemId, measureId }),
  setMeasureStatus: (id: number, status: MeasureStatus, on: string, reason: string | null, itemId: number | null) =>
    call<void>('set_measure_status', { id, status, on, reason, itemId }),
  /** Amounts as typed ("1.250.000,50"); an empty field is unknown. */
  setSavings: (measureId: number, year: number, target: string, realised: string) =>
    call<void>('set_savings', { measureId, year, target, realised }),
  search: (query: string, filter: SearchFilter) => call<SearchHit[]>('search', { query, filter }),
  attachmentPage: (attachmentId: number, page: number, query: string) =>
    call<AttachmentPage>('attachment_page', { attachmentId, page, query }),
  exportPack: (meetingId: number, reader: number | null, draft: boolean, withNotes: boolean) =>
    call<PackExport | null>('export_pack', { meetingId, reader, draft, withNotes }),
  /** Shows a saved file in the system's file manager. */
  revealFile: (path: string) => call<void>('reveal_file', { path }),
  /** Votes (when given) and the outcome with its decision, saved together. */
  recordDecision: (itemId: number, votes: Vote[] | null, outcome: Outcome | null, decision: string | null) =>
    call<void>('record_decision', { itemId, votes, outcome, decision }),
  /** Paths the user picked in the system's open dialog (empty when cancelled). */
  chooseFiles: (title: string, filterName: string, extensions: string[], multiple: boolean) =>
    call<string[]>('choose_files', { title, filterName, extensions, multiple }),
  /** The bytes of a file picked with chooseFiles. */
  readChosenFile: (path: string) => call<ArrayBuffer>('read_chosen_file', { path }),
  /** Progress of a running pack export, 0 to 1. */
  onPackProgress: (handler: (fraction: number) => void): Promise<UnlistenFn> =>
    listen<number>('pack-progress', (event) => handler(event.payload)),
  listProcedures: () => call<ProcedureSummary[]>('list_procedures'),
  getProcedure: (id: number) => call<ProcedureDetail>('get_procedure', { id }),
  createProcedure: (procedure: NewProcedure) => call<number>('create_procedure', { procedure }),
  setNotaStatus: (id: number, status: NotaStatus) => call<void>('set_nota_status', { id, status }),
  addZienswijze: (procedureId: number, organisationId: number, receivedOn: string | null, stance: Stance | null) =>
    call<number>('add_zienswijze', { procedureId, organisationId, receivedOn, councilDecidedOn: null, stance }),
  updateZienswijze: (
    id: number,
    receivedOn: string | null,
    councilDecidedOn: string | null,
    stance: Stance | null,
    intro: string | null,
  ) => call<void>('update_zienswijze', { id, receivedOn, councilDecidedOn, stance, intro }),
  getZienswijze: (id: number) => call<Zienswijze>('get_zienswijze', { id }),
  importLetter: (zienswijzeId: number, text: string) => call<number>('import_letter', { zienswijzeId, text }),
  /** The text of a letter file (.txt, .docx, .pdf), read on the Rust side. */
  letterText: async (file: File) =>
    call<string>('letter_text', new Uint8Array(await file.arrayBuffer()), {
      'x-file-name': encodeURIComponent(file.name),
    }),
  addZienswijzeAttachment: async (zienswijzeId: number, file: File) =>
    call<number>('add_zienswijze_attachment', new Uint8Array(await file.arrayBuffer()), {
      'x-zienswijze-id': String(zienswijzeId),
      'x-file-name': encodeURIComponent(file.name),
    }),
  addPoint: (sectionId: number, parentId: number | null, label: string | null, text: string) =>
    call<number>('add_point', { sectionId, parentId, label, text }),
  updatePoint: (id: number, label: string | null, title: string | null, text: string, replyIntro: string | null) =>
    call<void>('update_point', { id, label, title, text, replyIntro }),
  splitPoint: (id: number, at: number, label: string | null) => call<number>('split_point', { id, at, label }),
  mergePointWithNext: (id: number) => call<void>('merge_point_with_next', { id }),
  deletePoint: (id: number) => call<void>('delete_point', { id }),
  /** Resolves to the references in the text that do not resolve. */
  addSegment: (pointId: number, text: string) => call<string[]>('add_segment', { pointId, text }),
  updateSegment: (id: number, text: string) => call<string[]>('update_segment', { id, text }),
  deleteSegment: (id: number) => call<void>('delete_segment', { id }),
  insertStandardResponse: (pointId: number, variantId: number) =>
    call<void>('insert_standard_response', { pointId, variantId }),
  standardResponses: () => call<StandardResponse[]>('standard_responses'),
  addStandardResponse: (code: string, title: string, variantLabel: string, text: string) =>
    call<number>('add_standard_response', { code, title, variantLabel, text }),
  suggestions: (pointId: number) => call<Suggestion[]>('suggestions', { pointId }),
  referenceOptions: (pointId: number) => call<ReferenceOption[]>('reference_options', { pointId }),
  tagPoint: (pointId: number, concernId: number, on: boolean) => call<void>('tag_point', { pointId, concernId, on }),
  getLetter: (procedureId: number) => call<string>('get_letter', { procedureId }),
  draftLetter: (procedureId: number) => call<string>('draft_letter', { procedureId }),
  saveLetter: (procedureId: number, text: string) => call<void>('save_letter', { procedureId, text }),
  addMotion: (zienswijzeId: number, title: string, text: string | null, receivedOn: string | null, late: boolean) =>
    call<number>('add_motion', { zienswijzeId, title, text, receivedOn, late }),
  scheduleMotion: (motionId: number, meetingId: number) => call<number>('schedule_motion', { motionId, meetingId }),
  pointLocation: (pointId: number) => call<[number, number]>('point_location', { pointId }),
  exportNota: (procedureId: number, format: NotaFormat) => call<NotaExport>('export_nota', { procedureId, format }),
  importProcedure: (json: string) => call<number>('import_procedure', { json }),

  unlockState: () => call<UnlockState>('unlock_state'),
  unlock: (passphrase: string, remember: boolean) => call<void>('unlock', { passphrase, remember }),
  lockStore: () => call<void>('lock_store'),
  changePassphrase: (current: string, next: string, remember: boolean) =>
    call<void>('change_passphrase', { current, new: next, remember }),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  makeBackup: () => call<BackupInfo>('make_backup'),
  restoreBackup: (path: string, passphrase: string | null) => call<RestoreReport>('restore_backup', { path, passphrase }),
  checkStore: () => call<CheckReport>('check_store'),

  meetingNotes: (meetingId: number) => call<MeetingNotes>('meeting_notes', { meetingId }),
  addNote: (note: NewNote) => call<number>('add_note', { note }),
  updateNote: (id: number, body: string) => call<void>('update_note', { id, body }),
  deleteNote: (id: number) => call<void>('delete_note', { id }),

  exportBundle: (meetingId: number, signer: string) => call<BundleWritten>('export_bundle', { meetingId, signer }),
  importBundle: async (file: File) =>
    call<BundleImport>('import_bundle', new Uint8Array(await file.arrayBuffer()), {
      'x-file-name': encodeURIComponent(file.name),
    }),
  signers: () => call<Signers>('signers'),
  trustSigner: (publicKey: string, name: string) => call<TrustedSigner>('trust_signer', { publicKey, name }),
  untrustSigner: (publicKey: string) => call<void>('untrust_signer', { publicKey }),
};
