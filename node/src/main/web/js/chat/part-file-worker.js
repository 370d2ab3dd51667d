// Writes arriving pieces of files into part files of the origin's private file system, in place and
// flushed before the page acknowledges a piece: a synchronous access handle, which only a worker
// may hold. Requests: {id, op: 'open' | 'write' | 'size' | 'close' | 'remove', name, at?, data?}.

const handles = new Map();

async function handle(name) {
  if (!handles.has(name)) {
    const root = await navigator.storage.getDirectory();
    const file = await root.getFileHandle(name, { create: true });
    handles.set(name, await file.createSyncAccessHandle());
  }
  return handles.get(name);
}

const ops = {
  async open({ name }) {
    return (await handle(name)).getSize();
  },
  async write({ name, at, data }) {
    const h = await handle(name);
    h.write(data, { at });
    h.flush();
    return h.getSize();
  },
  async size({ name }) {
    return (await handle(name)).getSize();
  },
  async close({ name }) {
    const h = handles.get(name);
    if (h) {
      h.close();
      handles.delete(name);
    }
  },
  async remove({ name }) {
    await ops.close({ name });
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(name).catch(() => {});
  },
};

self.onmessage = async ({ data: request }) => {
  try {
    self.postMessage({ id: request.id, result: await ops[request.op](request) });
  } catch (e) {
    self.postMessage({ id: request.id, error: String(e && e.message || e) });
  }
};
