package io.weft.browser;

import com.microsoft.playwright.Page;
import io.weft.json.Json;
import java.util.List;
import java.util.Map;

/**
 * What a hostile page's script tries, with the authority of the visitor who merely opened it, against
 * another page ("the vault"): every way in it can think of (same-origin paths as in Webstrates, the
 * main origin, the vault's own origin), each returning what it got, so the same script shows the attack
 * failing with pages isolated and working in shared-origin mode.
 */
final class PageAttacks {
  /**
   * Opens a socket to each URL, subscribes to the vault and, once it has the vault's snapshot, tries to
   * write it, rewrite its data-auth and mint an invite and a token for it. Resolves to what worked:
   * {read, wrote, auth, invite, token}.
   */
  private static final String SOCKET_ATTACK = """
      async ([urls, vault, secret]) => {
        const got = { read: false, wrote: false, auth: false, invite: false, token: false };
        const tryOne = (url) => new Promise((resolve) => {
          let ws;
          try { ws = new WebSocket(url); } catch (e) { resolve(); return; }
          const done = () => { try { ws.close(); } catch (e) {} resolve(); };
          setTimeout(done, 4000);
          ws.onerror = done;
          ws.onclose = done;
          let answers = 0;
          const answered = () => { if (++answers === 4) done(); };
          ws.onmessage = (e) => {
            const m = JSON.parse(e.data);
            if ((m.a === 'op' && !m.op && (m.seq === 1 || m.seq === 2)) || m.wa === 'reply') answered();
            if (m.a === 'init') ws.send(JSON.stringify({ a: 's', c: 'webstrates', d: vault }));
            if (m.a === 's' && m.data && !m.error) {
              if (JSON.stringify(m.data.data).includes(secret)) got.read = true;
              const attrs = m.data.data[1] || {};
              const list = JSON.stringify([{ username: 'anonymous', provider: '', permissions: 'rwa' }]);
              ws.send(JSON.stringify({ a: 'op', c: 'webstrates', d: vault, v: m.data.v, seq: 1,
                  op: [{ p: [1, 'data-pwned'], oi: 'yes' }] }));
              ws.send(JSON.stringify({ a: 'op', c: 'webstrates', d: vault, v: m.data.v + 1, seq: 2,
                  op: [{ p: [1, 'data-auth'], od: attrs['data-auth'], oi: list }] }));
              ws.send(JSON.stringify({ wa: 'createInvite', d: vault, token: 1, options: { permissions: 'rwa' } }));
              ws.send(JSON.stringify({ wa: 'createToken', d: vault, token: 2 }));
            }
            if (m.a === 'op' && m.seq === 1 && !m.error && !m.op) got.wrote = true;
            if (m.a === 'op' && m.seq === 2 && !m.error && !m.op) got.auth = true;
            if (m.wa === 'reply' && m.token === 1 && m.reply && m.reply.key) got.invite = true;
            if (m.wa === 'reply' && m.token === 2 && m.reply && m.reply.token) got.token = true;
          };
        });
        for (const url of urls) await tryOne(url);
        return JSON.stringify(got);
      }""";
  /** Fetches each URL with the visitor's cookies; true if any answer it can read holds the secret. */
  private static final String FETCH_ATTACK = """
      async ([urls, secret]) => {
        for (const url of urls) {
          try {
            const text = await (await fetch(url, { credentials: 'include' })).text();
            if (text.includes(secret)) return true;
          } catch (e) { /* refused by the browser: no read */ }
        }
        return false;
      }""";
  /** Frames each URL and reads the frame's DOM; true if any frame it can read shows the secret. */
  private static final String FRAME_ATTACK = """
      async ([urls, secret]) => {
        for (const url of urls) {
          const frame = document.createElement('iframe');
          frame.src = url;
          document.body.appendChild(frame);
          for (let i = 0; i < 40; i++) {
            await new Promise(r => setTimeout(r, 100));
            try {
              const html = frame.contentDocument && frame.contentDocument.documentElement.outerHTML;
              if (html && html.includes(secret)) { frame.remove(); return true; }
            } catch (e) { break; /* another origin's frame */ }
          }
          frame.remove();
        }
        return false;
      }""";

  private final Page evil;
  private final String vault;
  private final String secret;
  private final String mainOrigin;
  private final String vaultOrigin;

  PageAttacks(Page evil, String vault, String secret, String mainOrigin, String vaultOrigin) {
    this.evil = evil;
    this.vault = vault;
    this.secret = secret;
    this.mainOrigin = mainOrigin;
    this.vaultOrigin = vaultOrigin;
  }

  /** Every socket the script can think of: on its own host (to its page and the vault's), main, the vault's. */
  @SuppressWarnings("unchecked")
  Map<String, Object> bySocket() {
    String own = (String) evil.evaluate("() => location.host");
    String ownPage = (String) evil.evaluate("() => location.pathname");
    List<String> urls = List.of("ws://" + own + ownPage, "ws://" + own + "/" + vault + "/",
        ws(mainOrigin) + "/" + vault + "/", ws(vaultOrigin) + "/" + vault + "/");
    return (Map<String, Object>) Json.parse((String) evil.evaluate(SOCKET_ATTACK, List.of(urls, vault, secret)));
  }

  boolean readByFetch() {
    List<String> urls = List.of("/" + vault + "/?json", "/" + vault + "/", mainOrigin + "/" + vault + "/?json",
        vaultOrigin + "/" + vault + "/?json");
    return (Boolean) evil.evaluate(FETCH_ATTACK, List.of(urls, secret));
  }

  boolean readByFrame() {
    List<String> urls = List.of("/" + vault + "/", vaultOrigin + "/" + vault + "/");
    return (Boolean) evil.evaluate(FRAME_ATTACK, List.of(urls, secret));
  }

  private static String ws(String httpOrigin) {
    return httpOrigin.replaceFirst("^http", "ws");
  }
}
