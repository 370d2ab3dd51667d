// Where arriving files are written while they arrive: part files in the origin's private file
// system (on disk, never whole in memory), through a worker; in memory only where the browser has
// no such file system (the fallback).

let next = 0;

class WorkerParts {
  constructor() {
    this.worker = new Worker(new URL('./part-file-worker.js', import.meta.url), { type: 'module' });
    this.replies = new Map();
    this.worker.onmessage = ({ data }) => {
      const reply = this.replies.get(data.id);
      this.replies.delete(data.id);
      if (data.error) reply.reject(new Error(data.error));
      else reply.resolve(data.result);
    };
  }

  call(request, transfer = []) {
    return new Promise((resolve, reject) => {
      request.id = ++next;
      this.replies.set(request.id, { resolve, reject });
      this.worker.postMessage(request, transfer);
    });
  }

  size(name) {
    return this.call({ op: 'size', name });
  }

  write(name, at, data) {
    return this.call({ op: 'write', name, at, data }, [data.buffer]);
  }

  close(name) {
    return this.call({ op: 'close', name });
  }

  remove(name) {
    return this.call({ op: 'remove', name });
  }

  /** The finished file, backed by the disk. */
  async file(name) {
    await this.close(name);
    const root = await navigator.storage.getDirectory();
    return (await root.getFileHandle(name)).getFile();
  }
}

class MemoryParts {
  constructor() {
    this.parts = new Map();
  }

  async size(name) {
    return (this.parts.get(name) || []).reduce((sum, part) => sum + part.length, 0);
  }

  async write(name, at, data) {
    if (!this.parts.has(name)) this.parts.set(name, []);
    if (at === await this.size(name)) this.parts.get(name).push(data);
    return this.size(name);
  }

  async close() {}

  async remove(name) {
    this.parts.delete(name);
  }

  async file(name) {
    return new Blob(this.parts.get(name) || []);
  }
}

export function partFiles() {
  const private_ = typeof navigator !== 'undefined' && navigator.storage && navigator.storage.getDirectory
    && typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype;
  return private_ ? new WorkerParts() : new MemoryParts();
}
