// Files dropped on the certifications list page and found new there, handed to the new-certification screen on
// the client-side navigation that follows (with the hashes already computed, so they are not hashed twice). Kept in
// memory only: nothing of the files is stored, and a reload simply starts with an empty screen.
export interface DroppedFile {
  file: File;
  name: string;
  sha256: string;
}

let handoff: DroppedFile[] = [];

export function handOverDroppedFiles(files: DroppedFile[]) {
  handoff = files;
}

/** The files handed over (the screen reads them as it mounts, then clears them). */
export function peekDroppedFiles(): DroppedFile[] {
  return handoff;
}

export function clearDroppedFiles() {
  handoff = [];
}
