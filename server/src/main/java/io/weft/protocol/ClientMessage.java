package io.weft.protocol;

import io.weft.ot.Component;
import java.util.List;
import java.util.Map;

/** Every message a client may send, decoded once by {@link MessageDecoder}. */
public sealed interface ClientMessage {

  /** The request as received, echoed back with an {@code error} when it is refused. */
  Map<String, Object> raw();

  /** {@code {"a":"hs","id":null,"protocol":1,"protocolMinor":2}} */
  record Handshake(Map<String, Object> raw) implements ClientMessage {
  }

  /** {@code {"a":"s","c":"webstrates","d":"doc1","v":5}}: v null asks for a snapshot, else the ops since v. */
  record Subscribe(Map<String, Object> raw, String collection, String docId, Long version) implements ClientMessage {
  }

  /** {@code {"a":"f",...}}: as subscribe, once. */
  record Fetch(Map<String, Object> raw, String collection, String docId, Long version) implements ClientMessage {
  }

  /** {@code {"a":"u","c":"webstrates","d":"doc1"}} */
  record Unsubscribe(Map<String, Object> raw, String collection, String docId) implements ClientMessage {
  }

  /** {@code {"a":"nf","id":1,"c":"webstrates","d":"doc1","v":4}}: the snapshot at a version (latest when v is null). */
  record SnapshotFetch(Map<String, Object> raw, Object requestId, String collection, String docId, Long version)
      implements ClientMessage {
  }

  /**
   * {@code {"a":"op","c","d","v","src","seq","op":[...]}} or with {@code "create":{"type","data"}}.
   * version null means "at the head"; exactly one of op and create is set.
   */
  record Submit(Map<String, Object> raw, String collection, String docId, Long version, String src, long seq,
      List<Component> op, Creation create) implements ClientMessage {
  }

  /** {@code {"a":"pp"}}: answered with the same. */
  record Ping(Map<String, Object> raw) implements ClientMessage {
  }

  /** {@code {"type":"alive"}}: the Webstrates client's keep-alive; nothing is answered. */
  record Alive(Map<String, Object> raw) implements ClientMessage {
  }

  /** {@code {"wa":"<action>","d":"doc1","token":12,...}}: a Webstrates request, decoded. */
  record Webstrates(Map<String, Object> raw, WebstratesRequest request) implements ClientMessage {
  }

  /** The content of a create op: a type URI (normalised) and the initial data. */
  record Creation(String type, Object data) {
  }
}
