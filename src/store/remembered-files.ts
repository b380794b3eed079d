/**
 * "Remember opened files on this device": an opt-in copy of the last opened files in this browser's
 * IndexedDB, so that a reload reopens them. Off by default; nothing is written to IndexedDB until the user
 * ticks the box, and "Forget" deletes the copy at once. Nothing is sent anywhere: the files stay where the
 * page read them from, the user's own browser profile.
 *
 * The choice itself is a flag in localStorage (no inventory data in it). Whether a file was opened in this
 * tab before a reload is a flag in sessionStorage, so the page can say why it shows the sample instead.
 */
import { create } from 'zustand';

import type { Dataset } from '../workers/analysis-protocol.ts';

import { useAppStore } from './app-store.ts';

const DB_NAME = 'pathlight';
const STORE = 'opened-files';
const KEY = 'last';
const OPT_IN = 'pathlight.rememberFiles';
const OPENED_IN_TAB = 'pathlight.openedFileInTab';

interface StoredFile {
  readonly name: string;
  readonly type: string;
  readonly lastModified: number;
  readonly bytes: ArrayBuffer;
}

function readFlag(storage: 'local' | 'session', key: string): boolean {
  try {
    return (storage === 'local' ? globalThis.localStorage : globalThis.sessionStorage)?.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeFlag(storage: 'local' | 'session', key: string, on: boolean): void {
  try {
    const s = storage === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    if (on) s?.setItem(key, '1');
    else s?.removeItem(key);
  } catch {
    // Storage refused (private mode, quota): the choice lasts for this page only.
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) {
      reject(new Error('IndexedDB is not available in this browser'));
      return;
    }
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

async function writeFiles(files: readonly File[]): Promise<void> {
  const stored: StoredFile[] = [];
  for (const f of files) stored.push({ name: f.name, type: f.type, lastModified: f.lastModified, bytes: await f.arrayBuffer() });
  await withStore('readwrite', (s) => s.put(stored, KEY));
}

async function readFiles(): Promise<File[]> {
  const stored = await withStore<StoredFile[] | undefined>('readonly', (s) => s.get(KEY));
  if (!Array.isArray(stored)) return [];
  return stored
    .filter((f) => f && typeof f.name === 'string' && f.bytes instanceof ArrayBuffer)
    .map((f) => new File([f.bytes], f.name, { type: f.type, lastModified: f.lastModified }));
}

function deleteAll(): Promise<void> {
  return new Promise((resolve) => {
    if (!globalThis.indexedDB) {
      resolve();
      return;
    }
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
}

export interface RememberedState {
  /** The user's choice: keep the last opened files on this device. */
  remember: boolean;
  /** How many files the device holds (null: not known yet). */
  count: number | null;
  /** The last write or read failed: said beside the checkbox. */
  error: string | null;
  /** The dataset loaded from the built-in sample: while it is the one on screen, every view says so. */
  sample: Dataset | null;
  /** The dataset a reload reopened from the copy on this device: said on every view while it is on screen. */
  reopened: Dataset | null;
  setRemember(on: boolean): Promise<void>;
  forget(): Promise<void>;
}

/**
 * The files behind the dataset they loaded, kept in memory only, so that ticking the box remembers what is
 * on screen (and nothing else: a live source or the sample that replaced them is not a file).
 */
let opened: { readonly files: readonly File[]; readonly dataset: Dataset | null } | null = null;

function filesOnScreen(): readonly File[] {
  return opened && opened.dataset !== null && opened.dataset === useAppStore.getState().dataset ? opened.files : [];
}

export const useRememberedFiles = create<RememberedState>()((set) => ({
  remember: readFlag('local', OPT_IN),
  count: null,
  error: null,
  sample: null,
  reopened: null,
  setRemember: async (on) => {
    writeFlag('local', OPT_IN, on);
    set({ remember: on, error: null });
    if (!on) {
      await deleteAll();
      set({ count: 0, reopened: null });
      return;
    }
    const files = filesOnScreen();
    if (files.length) await save(files);
  },
  forget: async () => {
    await deleteAll();
    writeFlag('local', OPT_IN, false);
    set({ remember: false, count: 0, error: null, reopened: null });
  },
}));

async function save(files: readonly File[]): Promise<void> {
  try {
    await writeFiles(files);
    useRememberedFiles.setState({ count: files.length, error: null });
  } catch (err) {
    useRememberedFiles.setState({ error: `Could not keep the files on this device: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** Files opened and loaded: kept in memory, and on the device when the user opted in. */
export async function filesOpened(files: readonly File[]): Promise<void> {
  opened = { files, dataset: useAppStore.getState().dataset };
  useRememberedFiles.setState({ sample: null });
  writeFlag('session', OPENED_IN_TAB, true);
  if (useRememberedFiles.getState().remember) await save(files);
}

/** Another kind of source (the sample, a URL, a live server) replaced the files on screen. */
export function otherSourceOpened(sample: boolean): void {
  opened = null;
  useRememberedFiles.setState({ sample: sample ? useAppStore.getState().dataset : null });
}

/** The files to reopen at start: only when the user opted in; none when nothing is kept or it cannot be read. */
export async function filesToReopen(): Promise<File[]> {
  if (!useRememberedFiles.getState().remember) return [];
  try {
    const files = await readFiles();
    useRememberedFiles.setState({ count: files.length });
    return files;
  } catch (err) {
    useRememberedFiles.setState({ error: `Could not read the files kept on this device: ${err instanceof Error ? err.message : String(err)}` });
    return [];
  }
}

/** The files from `filesToReopen` are now on screen (the page says they came from this device's copy). */
export function reopenedOnScreen(): void {
  useRememberedFiles.setState({ reopened: useAppStore.getState().dataset });
}

/** Read once, as the page starts: a file was opened in this tab before the page was (re)loaded. */
const openedBeforeReload = readFlag('session', OPENED_IN_TAB);

/** A file was opened in this tab before the page was reloaded (and, unless remembered, not kept). */
export function fileOpenedBeforeReload(): boolean {
  return openedBeforeReload;
}
