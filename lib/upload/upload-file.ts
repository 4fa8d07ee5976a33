// PUTs one file straight to its presigned TrueScreen URL with XMLHttpRequest (for upload progress). Only the
// Content-Type header is sent: the signature is in the URL, and no TrueScreen credential ever reaches the browser.
export class UploadError extends Error {
  constructor(
    message: string,
    readonly expired: boolean,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export function uploadFile(
  url: string,
  file: File,
  onProgress: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size);
        resolve();
        return;
      }
      const text = xhr.responseText ?? "";
      const expired = xhr.status === 403 && /expired/i.test(text);
      reject(
        new UploadError(
          expired
            ? "The upload URL expired before the file was sent."
            : `TrueScreen's storage refused the upload (HTTP ${xhr.status}).`,
          expired || xhr.status === 403,
        ),
      );
    };
    xhr.onerror = () => reject(new UploadError("The upload failed (network error).", false));
    xhr.ontimeout = () => reject(new UploadError("The upload timed out.", false));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    xhr.send(file);
  });
}
