package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.json.Json;
import io.weft.store.DocKey;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A socket as a document sees it, recording every frame sent to it: for in-process pipeline tests. */
final class RecordingSubscriber implements Subscriber {
  private final String id;
  private final Caller caller;
  private final BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();

  RecordingSubscriber(String id) {
    this(id, Caller.ANONYMOUS);
  }

  RecordingSubscriber(String id, Caller caller) {
    this.id = id;
    this.caller = caller;
  }

  @Override
  public String connectionId() {
    return id;
  }

  @Override
  public Caller caller() {
    return caller;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void send(String frame) {
    frames.add((Map<String, Object>) Json.parse(frame));
  }

  @Override
  public void documentLost(DocKey key, String reason) {
    frames.add(Map.of("lost", reason));
  }

  @Override
  public void permissionsChanged(DocKey key, Rights rights, PermissionList list) {
    frames.add(Map.of("rights", rights.toString()));
  }

  Map<String, Object> next() {
    try {
      Map<String, Object> frame = frames.poll(10, TimeUnit.SECONDS);
      assertNotNull(frame, id + " received nothing");
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError("interrupted while waiting for a frame", e);
    }
  }

  void expectNothing() {
    try {
      assertNull(frames.poll(200, TimeUnit.MILLISECONDS), id + " received more");
    } catch (InterruptedException e) {
      throw new AssertionError("interrupted while checking that nothing arrived", e);
    }
  }
}
