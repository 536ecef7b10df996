/** Files the agent picked or dropped, read as base64 for `drafts.attach`. */

export interface PickedFile {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export function readFileBase64(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // A data: URL is "data:<type>;base64,<data>"; only the data goes to core.
      const comma = url.indexOf(',');
      resolve({ filename: file.name, contentType: file.type || 'application/octet-stream', dataBase64: comma >= 0 ? url.slice(comma + 1) : '' });
    };
    reader.readAsDataURL(file);
  });
}

/** Whether a drag carries files (not text or a link dragged from the page). */
export function dragHasFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return event.dataTransfer !== null && [...event.dataTransfer.types].includes('Files');
}
