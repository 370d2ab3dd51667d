// The browser's own store (IndexedDB), one database per node's origin. What is private in it is
// sealed by the Vault; keys are CryptoKeys that cannot be exported.

const NAME = 'parley';
const VERSION = 1;
export const STORES = ['identities', 'pins', 'history', 'senderKeys', 'offers', 'meta'];

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export class Db {
  constructor(idb) {
    this.idb = idb;
  }

  static async open() {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      for (const store of STORES) {
        if (!request.result.objectStoreNames.contains(store)) {
          request.result.createObjectStore(store);
        }
      }
    };
    return new Db(await promised(request));
  }

  store(name, mode = 'readonly') {
    return this.idb.transaction(name, mode).objectStore(name);
  }

  get(store, key) {
    return promised(this.store(store).get(key));
  }

  /** @returns the key it was stored under */
  put(store, value, key) {
    return promised(this.store(store, 'readwrite').put(value, key));
  }

  delete(store, key) {
    return promised(this.store(store, 'readwrite').delete(key));
  }

  /** Every [key, value] whose key starts with {@code prefix} (all of them without one), in key order. */
  async entries(store, prefix) {
    const range = prefix === undefined ? undefined : IDBKeyRange.bound(prefix, prefix + '\uffff');
    const s = this.store(store);
    const [keys, values] = await Promise.all([promised(s.getAllKeys(range)), promised(s.getAll(range))]);
    return keys.map((key, i) => [key, values[i]]);
  }
}
