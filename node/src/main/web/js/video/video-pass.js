// The pass the node's video endpoints ask for (Authorization: Bearer PASS), got over the logged-in
// WebSocket (video-pass) and asked for again a minute before it expires, or after a new login.

const MARGIN_MILLIS = 60000;

export class VideoPass {
  /** @param ask sends a request over the session's connection and resolves with its answer */
  constructor(ask) {
    this.ask = ask;
    this.held = null;
  }

  /** A pass good for at least another minute. */
  async current() {
    if (!this.held || this.held.expiresMillis - Date.now() < MARGIN_MILLIS) {
      this.held = this.ask({ type: 'video-pass' }).catch((e) => {
        this.held = null;
        throw e;
      });
    }
    return (await this.held).pass;
  }

  /** The node may have restarted (its passes die with it): ask anew next time. */
  forget() {
    this.held = null;
  }
}
