// Reading a download while reporting bytes as they arrive, for the boot screen's progress bar.

/** Reads a response's whole body, reporting progress; `url` names the file in the error. */
export async function readWithProgress(
  response: Response,
  url: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<ArrayBuffer> {
  if (!response.ok || !response.body) {
    throw new Error(`Could not download the machine (${new URL(url).pathname}: HTTP ${response.status}).`);
  }
  const total = Number(response.headers.get("content-length") ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const data = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data.buffer;
}
