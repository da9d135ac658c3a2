// The one module screens import from. Types and typed command functions are generated from the
// Rust commands (`bindings.ts`, by tauri-specta; never edit it by hand); this module only turns a
// rejected call into an ApiError {code, message} whose Dutch message can be shown as it is, and
// sends files as raw bytes. Screens never call `invoke` and keep no copy of a Rust type.
import { invoke } from '@tauri-apps/api/core';
import type { UnlistenFn } from '@tauri-apps/api/event';
import { commands, events, UPLOAD_COMMANDS } from './bindings';
import type { ApiError, BundleImport, Progress, StatusMove, VoteChoice } from './bindings';

export type * from './bindings';

/** A municipality's vote as the commands take it: organisation id and choice. */
export type Vote = [number, VoteChoice];

function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return { code: 'internal', message: `Onverwachte fout: ${String(e)}` };
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

type Commands = typeof commands;

/** Whether the app is still starting: until the meetings list is painted (its `meetings-visible`
 * mark), every command's time is kept as a performance measure, so the app benchmark
 * (tests/benches/app.rs) can show where the start-up time goes. Nothing is kept afterwards. */
let started = false;
function starting(): boolean {
  started ||= performance.getEntriesByName('meetings-visible', 'mark').length > 0;
  return !started;
}

/** The generated functions, each rejecting with an ApiError. */
function withApiErrors(generated: Commands): Commands {
  const wrapped: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(generated)) {
    wrapped[name] = async (...args: unknown[]) => {
      const start = starting() ? performance.now() : null;
      try {
        return await (command as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (e) {
        throw toApiError(e);
      } finally {
        if (start !== null) performance.measure(`command ${name}`, { start, end: performance.now() });
      }
    };
  }
  return wrapped as Commands;
}

/** Sends a file as the raw request body (no JSON arrays of numbers for megabytes); its name
 * travels URI-encoded in a header, with the id it belongs to. */
async function upload<T>(
  command: (typeof UPLOAD_COMMANDS)[keyof typeof UPLOAD_COMMANDS],
  file: File,
  headers: Record<string, string> = {},
): Promise<T> {
  try {
    return await invoke<T>(command, new Uint8Array(await file.arrayBuffer()), {
      headers: { ...headers, 'x-file-name': encodeURIComponent(file.name) },
    });
  } catch (e) {
    throw toApiError(e);
  }
}

export const backend = {
  ...withApiErrors(commands),
  addAttachment: (itemId: number, file: File) =>
    upload<number>(UPLOAD_COMMANDS.addAttachment, file, { 'x-item-id': String(itemId) }),
  /** The text of a letter file (.txt, .docx, .odt, .rtf, .html, .pdf), read on the Rust side. */
  letterText: (file: File) => upload<string>(UPLOAD_COMMANDS.letterText, file),
  addZienswijzeAttachment: (zienswijzeId: number, file: File) =>
    upload<number>(UPLOAD_COMMANDS.addZienswijzeAttachment, file, { 'x-zienswijze-id': String(zienswijzeId) }),
  importBundle: (file: File) => upload<BundleImport>(UPLOAD_COMMANDS.importBundle, file),
  /** The bytes of a file picked with `chooseFiles`, answered as raw bytes (not JSON). */
  readChosenFile: async (path: string): Promise<ArrayBuffer> => {
    try {
      const answer = await invoke<ArrayBuffer | Uint8Array | number[]>(UPLOAD_COMMANDS.readChosenFile, { path });
      // Raw bytes arrive as an ArrayBuffer over the custom-protocol IPC; where WebKitGTK falls back
      // to the message channel they arrive as an array of numbers, which must not become text.
      if (answer instanceof ArrayBuffer) return answer;
      return new Uint8Array(answer).buffer as ArrayBuffer;
    } catch (e) {
      throw toApiError(e);
    }
  },
  /** Progress of the long tasks (bundle import, attachments, restore, check, pack, exports). */
  onProgress: (handler: (progress: Progress) => void): Promise<UnlistenFn> =>
    events.progress.listen((event) => handler(event.payload)),
  /** The running app was asked to open a file (macOS); take it with `takeOpenedFile`. */
  onFileOpened: (handler: () => void): Promise<UnlistenFn> => events.fileOpened.listen(() => handler()),
};

export type { StatusMove };
